import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { startCaravanServer } from '../support/caravanProcess.js';
import { rotateUnderLoad, type CaravanAt } from '../support/rotationScenario.js';
import { startProductionApi } from '../support/productionEnv.js';

/** What a customer's receiver notices across a rotation while events flow: see `rotateUnderLoad`. */
async function check(t: ExecutionContext, caravan: CaravanAt) {
  const report = await rotateUnderLoad(caravan);
  t.log(JSON.stringify(report));
  t.is(report.grace.failed, 0, 'zero failed verifications across a rotation with a grace period');
  t.true(report.grace.dualSigned > 0, 'the overlap carries two signatures');
  t.true(report.grace.overlapVerifiesWithEach, 'each signature verifies on its own');
  t.true(report.grace.newSecretAfterSwitch);
  t.true(report.emergency.listedOnlyNew, 'grace 0: only the new secret is live');
  t.true(report.emergency.refusedWereOldSignedDuringPropagation);
  t.true(report.emergency.afterPropagation >= 20);
  t.true(report.emergency.afterPropagationNewOnly, 'then the leaked secret signs nothing');
  t.true(report.allDelivered, 'nothing is lost: refused requests are retried and verify');
}

test('rotation › on caravan dev, continuous events verify across a rotation; an emergency rotation loses nothing', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'caravan-rotation-'));
  const server = await startCaravanServer(['dev', '--data-dir', dataDir, '--port', '0']);
  t.teardown(() => server.stop('SIGKILL'));
  const adminKey = /admin key: (\S+)/.exec(server.output())![1]!;
  await check(t, { url: server.url, adminKey });
  t.is(await server.stop('SIGINT'), 0);
});

test('rotation › on MariaDB and Kafka with the API and a worker as separate processes', async (t) => {
  const { env, api, startWorker } = await startProductionApi(t, 'rotation');
  const worker = await startWorker();
  await check(t, { url: api.url, adminKey: env.CARAVAN_ADMIN_KEY });
  t.is(await worker.stop('SIGTERM'), 0);
  t.is(await api.stop('SIGTERM'), 0);
});
