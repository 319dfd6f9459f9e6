import { CaravanError, type ColumnReport } from '@caravan/core';
import { withRuntime } from '../runtime.js';

/**
 * `caravan keys status|reencrypt`: master-key rotation. `status` counts the stored secrets under each
 * key of the ring; `reencrypt` rewrites those under other keys with the primary one, in small batches,
 * while Caravan runs. Exits with 1 while values remain that the primary key does not encrypt.
 */
export async function keys(action: string, options: { config?: string; batchSize?: string }): Promise<void> {
  if (action !== 'status' && action !== 'reencrypt') {
    throw new CaravanError(
      'CARAVAN_USAGE',
      `keys: unknown action "${action}" (expected status or reencrypt)`,
    );
  }
  const batchSize = options.batchSize === undefined ? 100 : Number(options.batchSize);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
    throw new CaravanError('CARAVAN_USAGE', 'keys: --batch-size must be an integer from 1 to 10000');
  }
  await withRuntime({ role: 'keys', configFile: options.config }, async ({ storage, keyRing }) => {
    const reports = await storage.reencryptSecrets(keyRing, { batchSize, dryRun: action === 'status' });
    process.stdout.write(describe(reports, keyRing.primaryKeyId, action === 'reencrypt'));
    const left = remaining(reports, keyRing.primaryKeyId);
    if (left > 0) process.exitCode = 1;
  });
}

function remaining(reports: readonly ColumnReport[], primaryKeyId: string): number {
  return reports
    .flatMap((r) => Object.entries(r.byKey))
    .filter(([keyId]) => keyId !== primaryKeyId)
    .reduce((sum, [, n]) => sum + n, 0);
}

function describe(reports: readonly ColumnReport[], primaryKeyId: string, rewrote: boolean): string {
  const lines: string[] = [];
  for (const r of reports) {
    const byKey = Object.entries(r.byKey)
      .map(([keyId, n]) => `${keyId}=${n}`)
      .join(' ');
    const done = rewrote ? `, re-encrypted ${r.reencrypted}` : '';
    lines.push(`${r.column}: ${r.scanned} values${done}${byKey ? ` (${byKey})` : ''}`);
    for (const f of r.failures) lines.push(`  cannot decrypt ${f.id}: ${f.message}`);
  }
  const left = remaining(reports, primaryKeyId);
  lines.push(
    left === 0
      ? `every stored secret is under the primary key "${primaryKeyId}"`
      : `${left} stored secret(s) are not under the primary key "${primaryKeyId}"`,
  );
  return `${lines.join('\n')}\n`;
}
