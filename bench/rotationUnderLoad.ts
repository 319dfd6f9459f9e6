/**
 * Secret rotation under load: events flow through the API of a `caravan dev` started here while the
 * endpoint secret is rotated (24 h-style grace, then an emergency rotation with grace 0). The receiver
 * knows one secret at a time and verifies with the official `standardwebhooks` package.
 *
 *   node --conditions=caravan-source --import tsx bench/rotationUnderLoad.ts [verifiedBefore] [verifiedAfter] [pauseMs]
 *
 * Prints the report of `tests/support/rotationScenario.ts`: events, requests, two-signature requests and
 * failed verifications of the graced rotation; for the emergency one, the requests refused while it
 * propagated (5 s endpoint cache) and whether all of them were delivered again under the new secret.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCaravanServer } from '../tests/support/caravanProcess.js';
import { rotateUnderLoad } from '../tests/support/rotationScenario.js';

const verifiedBefore = Number(process.argv[2] ?? 200);
const verifiedAfter = Number(process.argv[3] ?? 200);
const pauseMs = Number(process.argv[4] ?? 5);

const dataDir = mkdtempSync(join(tmpdir(), 'caravan-bench-rotation-'));
const server = await startCaravanServer(['dev', '--data-dir', dataDir, '--port', '0']);
try {
  const adminKey = /admin key: (\S+)/.exec(server.output())![1]!;
  const started = Date.now();
  const report = await rotateUnderLoad(
    { url: server.url, adminKey },
    {
      verifiedBefore,
      verifiedAfter,
      pauseMs,
    },
  );
  const seconds = (Date.now() - started) / 1000;
  process.stdout.write(`${JSON.stringify({ seconds, ...report }, null, 2)}\n`);
} finally {
  await server.stop('SIGINT');
  rmSync(dataDir, { recursive: true, force: true });
}
