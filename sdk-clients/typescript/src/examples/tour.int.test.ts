import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { freePort, waitFor } from '@caravan/testing';
import { startCaravanServer } from '../../../../tests/support/caravanProcess.js';
import { Caravan } from '../index.js';
import { tour } from './tour.js';

test('README tour › on caravan dev, an event sent with the SDK arrives and passes Webhook verification', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'caravan-sdk-tour-'));
  const server = await startCaravanServer(['dev', '--data-dir', dataDir, '--port', '0']);
  t.teardown(() => server.stop('SIGKILL'));
  const adminKey = /admin key: (\S+)/.exec(server.output())![1]!;
  const admin = new Caravan({ apiKey: adminKey, baseUrl: server.url });
  const tenant = await admin.tenants.create({ name: 'Acme' });
  const { key } = await admin.apiKeys.create(tenant.id, { name: 'backend' });

  const verified: { id: string; payload: unknown }[] = [];
  const port = await freePort();
  const { caravan, receiver } = await tour({
    apiKey: key,
    baseUrl: server.url,
    port,
    onVerified: (id, payload) => verified.push({ id, payload }),
  });
  t.teardown(() => {
    receiver.closeAllConnections();
    receiver.close();
  });
  await waitFor(() => verified.length > 0, 'the receiver to verify a webhook', 60_000);
  t.deepEqual(verified[0]!.payload, { invoiceId: 'in_1', amount: 12500 });
  const events = await caravan.events.list({ eventType: 'invoice.paid' });
  t.deepEqual(
    events.data.map((e) => e.id),
    [verified[0]!.id],
    'webhook-id is the id of the event sent',
  );
  const forged = await fetch(`http://127.0.0.1:${port}/hook`, {
    method: 'POST',
    headers: {
      'webhook-id': verified[0]!.id,
      'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
      'webhook-signature': `v1,${Buffer.alloc(32, 7).toString('base64')}`,
    },
    body: JSON.stringify({ invoiceId: 'in_1', amount: 1 }),
  });
  t.is(forged.status, 400, 'the receiver refuses a request Caravan did not sign');
  t.is(verified.length, 1);
  const deliveries = await caravan.deliveries.list({ eventId: verified[0]!.id });
  await waitFor(
    async () => (await caravan.deliveries.get(deliveries.data[0]!.id)).status === 'succeeded',
    'the delivery to be recorded as succeeded (the receiver answered 204 after verifying)',
  );
});

test('README tour › the README quotes the tour as it is compiled and run', (t) => {
  const source = readFileSync(new URL('./tour.ts', import.meta.url), 'utf8');
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const body = /\/\/ tour:start\n([\s\S]*?)\n\s*\/\/ tour:end/.exec(source)![1]!;
  const dedented = body.replace(/^ {2}/gm, '');
  t.true(readme.includes(dedented), 'copy the lines between the tour markers of tour.ts into the README');
  // Two import lines and four of settings (apiKey, baseUrl, port, onVerified) come before it in the README.
  const code = dedented.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('//'));
  t.true(code.length + 6 < 20, `the tour is ${code.length + 6} lines of code, over twenty`);
});
