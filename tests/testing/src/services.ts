import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, for tests that need files outside their package. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Folder of the knex migrations. */
export const migrationsDir = fileURLToPath(new URL('../../../migrations/', import.meta.url));

/**
 * Folder of the services `scripts/services.sh` runs: `CARAVAN_SERVICES_DIR` when set (a private set,
 * e.g. for chaos runs beside the shared one), else `.cache/services`.
 */
export const servicesDir =
  process.env.CARAVAN_SERVICES_DIR ?? fileURLToPath(new URL('../../../.cache/services', import.meta.url));

const envFile = join(servicesDir, 'services.env');

/**
 * Connection settings of the real servers that `scripts/services.sh up` started (in
 * {@link servicesDir}). Fails with a clear message when they are not running, rather than letting a
 * test fall back to anything fake.
 */
export function servicesEnv(): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(envFile, 'utf8');
  } catch {
    throw new Error(
      `Real services are not running (no ${envFile}). Start them with: scripts/services.sh up (or run npm test).`,
    );
  }
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match) env[match[1]!] = match[2]!.replace(/^"(.*)"$/, '$1');
  }
  return env;
}

/** One named setting of {@link servicesEnv}; throws naming the key when it is absent. */
export function serviceSetting(name: string): string {
  const value = servicesEnv()[name];
  if (value === undefined || value === '') throw new Error(`${name} is missing from the services env file`);
  return value;
}
