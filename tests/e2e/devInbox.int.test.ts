import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { Webhook } from '@caravan/client';
import { waitFor } from '@caravan/testing';
import { caravanClient } from '../support/caravanClient.js';
import { startCaravanServer } from '../support/caravanProcess.js';

interface InboxRequest {
  method: string;
  headers: Record<string, string>;
  body: string;
}

async function startDev(t: ExecutionContext, env: Record<string, string> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'caravan-inbox-'));
  const server = await startCaravanServer(['dev', '--data-dir', dataDir, '--port', '0'], env);
  t.teardown(() => server.stop('SIGKILL'));
  const adminKey = /admin key: (\S+)/.exec(server.output())![1]!;
  return { server, admin: caravanClient(server.url, adminKey) };
}

test('dev inbox › caravan dev receives a real delivery in a test inbox, signed with the endpoint secret', async (t) => {
  const { server, admin } = await startDev(t);
  t.regex(server.output(), /test inbox: on/);
  const created = await fetch(`${server.url}/dev/inboxes`, { method: 'POST' });
  t.is(created.status, 201);
  const inbox = (await created.json()) as { id: string; url: string };

  const tenant = await admin.tenants.create({ name: 'Acme' });
  const { key } = await admin.apiKeys.create(tenant.id, {});
  const api = caravanClient(server.url, key);
  const endpoint = await api.endpoints.create({ url: inbox.url });
  await api.events.send({ eventType: 'invoice.paid', payload: { invoiceId: 'in_1' } });

  let requests: InboxRequest[] = [];
  await waitFor(async () => {
    const res = await fetch(`${inbox.url}/requests`);
    requests = ((await res.json()) as { data: InboxRequest[] }).data;
    return requests.length > 0;
  }, 'the delivery in the inbox');
  const [request] = requests;
  t.is(request!.method, 'POST');
  t.is(request!.body, '{"invoiceId":"in_1"}');
  t.deepEqual(await new Webhook(endpoint.secret).verify(request!.body, request!.headers), {
    invoiceId: 'in_1',
  });
});

test('dev inbox › off when the operator turns it off: /dev/inboxes answers 404 like any unknown path', async (t) => {
  const { server } = await startDev(t, { CARAVAN_DEV_INBOX: 'false' });
  t.notRegex(server.output(), /test inbox/);
  const res = await fetch(`${server.url}/dev/inboxes`, { method: 'POST' });
  t.is(res.status, 404);
});
