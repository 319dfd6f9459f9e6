import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

interface DevSecrets {
  adminKey: string;
  encryptionKey: string;
}

/** The `caravan dev` settings, and where its generated secrets live. */
export interface DevPreset {
  values: Record<string, unknown>;
  /** The file holding the generated admin key and encryption key. */
  secretsFile: string;
  /** The admin key kept in `secretsFile`. */
  adminKey: string;
  /** Whether this start generated the secrets (the first start on this data folder). */
  created: boolean;
}

/**
 * The settings `caravan dev` runs on: a SQLite file and the SQL log under `dataDir`, limiter state in
 * memory, loopback receivers allowed, and an admin key and encryption key generated on first start
 * and kept in `dataDir/dev-secrets.json` so restarts keep working with the same data.
 */
export function devPreset(dataDir: string): DevPreset {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const secretsFile = join(dir, 'dev-secrets.json');
  let secrets: DevSecrets;
  const created = !existsSync(secretsFile);
  if (!created) {
    secrets = JSON.parse(readFileSync(secretsFile, 'utf8')) as DevSecrets;
  } else {
    secrets = {
      adminKey: `cadm_${randomBytes(24).toString('base64url')}`,
      encryptionKey: randomBytes(32).toString('base64'),
    };
    writeFileSync(secretsFile, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  }
  const values = {
    database: { client: 'sqlite', filename: join(dir, 'caravan.sqlite') },
    log: { engine: 'sql' },
    redis: null,
    adminKey: secrets.adminKey,
    encryption: { primaryKeyId: 'dev', keys: [{ id: 'dev', key: secrets.encryptionKey }] },
    ssrf: { allowedCidrs: ['127.0.0.0/8', '::1/128'] },
    // Brokers on this machine (emulators, a local Kafka) are the usual case in development.
    sources: { allowedHosts: ['*'] },
    // On a developer's machine /metrics is open unless a token is configured.
    metrics: { requireToken: false },
    // A receiver to point a first endpoint at, shown in the dashboard (docs/dashboard.md).
    devInbox: { enabled: true },
  };
  return { values, secretsFile, adminKey: secrets.adminKey, created };
}
