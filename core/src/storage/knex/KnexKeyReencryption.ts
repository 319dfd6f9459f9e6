import type { KeyRing } from '../../crypto/KeyRing.js';
import type { Database } from '../createDatabase.js';
import type { ColumnReport, KeyReencryptionOptions } from '../Storage.js';
import { egressCredentialsAad, sealEgressAddresses } from './KnexEgressPoolRepository.js';

export type { ColumnReport, KeyReencryptionOptions };

/** One column holding values encrypted with the key ring, and the `aad` each value is bound to. */
interface EncryptedColumn {
  table: string;
  column: string;
  aad(id: string): string;
  /** Seals values an older version stored in the clear; counted as `plaintext` until then. */
  sealPlaintext?(
    deps: { db: Database; keyRing: KeyRing },
    report: ColumnReport,
    dryRun: boolean,
  ): Promise<void>;
}

/**
 * Every column that holds key-ring ciphertext. A new encrypted column must be added here, or
 * `caravan keys reencrypt` leaves its values under an old key and removing that key breaks them.
 */
export const ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  { table: 'endpoint_secrets', column: 'secret_encrypted', aad: (id) => id },
  { table: 'tenants', column: 'operations_secret_encrypted', aad: (id) => `tenant:${id}` },
  { table: 'sources', column: 'credentials_encrypted', aad: (id) => id },
  { table: 'endpoints', column: 'destination_credentials_encrypted', aad: (id) => id },
  {
    table: 'egress_pools',
    column: 'credentials_encrypted',
    aad: egressCredentialsAad,
    sealPlaintext: sealPlaintextEgressCredentials,
  },
];

// Pools written before proxy credentials were sealed hold them in `addresses`. Each is sealed with a
// compare-and-set on the addresses read, so a pool updated meanwhile (and sealed by that update) is left.
async function sealPlaintextEgressCredentials(
  deps: { db: Database; keyRing: KeyRing },
  report: ColumnReport,
  dryRun: boolean,
): Promise<void> {
  const rows = (await deps
    .db('egress_pools')
    .select('id', 'addresses')
    .whereNull('credentials_encrypted')
    .orderBy('id')) as { id: string; addresses: string }[];
  for (const row of rows) {
    const sealed = sealEgressAddresses(deps.keyRing, row.id, JSON.parse(row.addresses) as string[]);
    if (sealed.credentials_encrypted === null) continue;
    if (dryRun) {
      report.scanned++;
      report.byKey.plaintext = (report.byKey.plaintext ?? 0) + 1;
      continue;
    }
    const written = await deps
      .db('egress_pools')
      .where({ id: row.id, addresses: row.addresses })
      .whereNull('credentials_encrypted')
      .update(sealed);
    // Counted with the column's values by the pass that follows.
    if (written > 0) report.reencrypted++;
  }
}

/**
 * Re-encrypts every stored secret under the key ring's primary key, so an operator can retire an old
 * master key while Caravan runs: the ring decrypts with any of its keys, so processes keep working
 * throughout.
 *
 * Walks each column by id in small batches. A value is written back only if it is still the one that
 * was read (compare-and-set), so a secret rotated through the API during the pass is never overwritten
 * with an older one; it was written under the primary key anyway. Values already under the primary key
 * are left alone, so the pass is idempotent, and stopping it at any point loses nothing: the next pass
 * does what is left.
 */
export async function reencryptStoredSecrets(
  deps: { db: Database; keyRing: KeyRing },
  options: KeyReencryptionOptions = {},
): Promise<ColumnReport[]> {
  const batchSize = Math.max(1, options.batchSize ?? 100);
  const reports: ColumnReport[] = [];
  for (const spec of ENCRYPTED_COLUMNS) {
    const report: ColumnReport = {
      column: `${spec.table}.${spec.column}`,
      scanned: 0,
      reencrypted: 0,
      byKey: {},
      failures: [],
    };
    const count = (keyId: string) => (report.byKey[keyId] = (report.byKey[keyId] ?? 0) + 1);
    await spec.sealPlaintext?.(deps, report, options.dryRun === true);
    let after = '';
    for (;;) {
      const rows = (await deps
        .db(spec.table)
        .select('id', `${spec.column} as value`)
        .whereNotNull(spec.column)
        .andWhere('id', '>', after)
        .orderBy('id')
        .limit(batchSize)) as { id: string; value: string }[];
      if (rows.length === 0) break;
      after = rows[rows.length - 1]?.id ?? after;
      for (const row of rows) {
        report.scanned++;
        let next: string;
        try {
          next = deps.keyRing.reencrypt(row.value, spec.aad(row.id));
        } catch (error) {
          count('unreadable');
          report.failures.push({ id: row.id, message: (error as Error).message });
          continue;
        }
        if (next === row.value || options.dryRun) {
          count(deps.keyRing.keyIdOf(row.value));
          continue;
        }
        const written = await deps
          .db(spec.table)
          .where({ id: row.id, [spec.column]: row.value })
          .update({ [spec.column]: next });
        if (written > 0) {
          report.reencrypted++;
          count(deps.keyRing.primaryKeyId);
          continue;
        }
        // Changed meanwhile (a rotation through the API) or deleted: count what is there now.
        const now = await deps
          .db(spec.table)
          .where({ id: row.id })
          .first<{ value: string | null } | undefined>(`${spec.column} as value`);
        if (now?.value) count(safeKeyId(deps.keyRing, now.value));
      }
      await options.afterBatch?.(report);
      if (rows.length < batchSize) break;
    }
    reports.push(report);
  }
  return reports;
}

function safeKeyId(keyRing: KeyRing, value: string): string {
  try {
    return keyRing.keyIdOf(value);
  } catch {
    return 'unreadable';
  }
}
