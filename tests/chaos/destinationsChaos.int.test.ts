import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import test from 'ava';
import { connect as amqpConnect, type Channel, type ChannelModel } from 'amqplib';
import { Webhook } from 'standardwebhooks';
import { repoRoot, serviceSetting, waitFor } from '@caravan/testing';
import { caravanClient } from '../support/caravanClient.js';
import { startProductionApi } from '../support/productionEnv.js';

const run = promisify(execFile);
const EVENTS = Number(process.env.CARAVAN_CHAOS_DESTINATION_EVENTS ?? 2000);
const rabbitUrl = new URL(serviceSetting('CARAVAN_TEST_RABBITMQ_URL'));

/** A consumer that keeps reading the queue across broker restarts, reconnecting as often as needed. */
function startReader(queue: string) {
  const seen: { body: string; headers: Record<string, string> }[] = [];
  let model: ChannelModel | undefined;
  let stopped = false;
  const open = async (): Promise<void> => {
    while (!stopped) {
      try {
        model = await amqpConnect(rabbitUrl.href);
        const channel: Channel = await model.createChannel();
        await channel.assertQueue(queue, { durable: true });
        model.on('error', () => undefined);
        model.on('close', () => {
          if (!stopped) setTimeout(() => void open(), 500);
        });
        await channel.consume(queue, (m) => {
          if (!m) return;
          const headers = Object.fromEntries(
            Object.entries((m.properties.headers ?? {}) as Record<string, unknown>).map(([k, v]) => [
              k,
              Buffer.isBuffer(v) ? v.toString('utf8') : String(v),
            ]),
          );
          seen.push({ body: m.content.toString('utf8'), headers });
          channel.ack(m);
        });
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  };
  return {
    seen,
    ready: open(),
    async stop() {
      stopped = true;
      await model?.close().catch(() => undefined);
    },
  };
}

test.serial(
  'chaos › RabbitMQ restarting mid-run: every event reaches the destination queue, verifiable',
  async (t) => {
    t.timeout(900_000);
    const { env, api, startWorker } = await startProductionApi(t, 'destchaos', {
      extra: { CARAVAN_DESTINATION_PLUGINS: '@caravan/destination-rabbitmq' },
    });
    await startWorker();
    const queue = `chaos-${Date.now()}`;
    const reader = startReader(queue);
    await reader.ready;
    t.teardown(() => reader.stop());

    const admin = caravanClient(api.url, env.CARAVAN_ADMIN_KEY);
    const tenant = await admin.tenants.create({ name: 'Acme' });
    const { key } = await admin.apiKeys.create(tenant.id, {});
    const caravan = caravanClient(api.url, key);
    const { secret } = await caravan.endpoints.create({
      destination: {
        type: 'rabbitmq',
        config: { url: `amqp://${rabbitUrl.host}`, routingKey: queue },
        credentials: { username: rabbitUrl.username, password: rabbitUrl.password },
      },
      // Short retries, so deliveries refused during the restart come back within the test.
      retrySchedule: [1, 2, 2, 5, 5, 10, 10, 30],
    });

    const sent = new Map<string, string>();
    const publish = async (from: number, to: number) => {
      for (let start = from; start < to; start += 500) {
        const events = Array.from({ length: Math.min(500, to - start) }, (_, i) => ({
          eventType: 'order.shipped',
          payload: { n: start + i },
        }));
        const answer = await caravan.events.sendBatch({ events });
        answer.data.forEach((item, i) => sent.set(item.id, JSON.stringify(events[i]!.payload)));
      }
    };
    await publish(0, EVENTS / 2);
    await waitFor(() => reader.seen.length >= EVENTS / 8, 'deliveries before the restart', 180_000);
    await run('bash', ['scripts/services.sh', 'restart', 'rabbitmq'], { cwd: repoRoot });
    await publish(EVENTS / 2, EVENTS);

    const ids = () => new Set(reader.seen.map((m) => m.headers['webhook-id']));
    await waitFor(
      () => [...sent.keys()].every((id) => ids().has(id)),
      `all ${EVENTS} events in the queue`,
      600_000,
    );
    const verifier = new Webhook(secret);
    let verified = 0;
    for (const m of reader.seen) {
      const id = m.headers['webhook-id']!;
      if (m.body !== sent.get(id)) continue;
      try {
        verifier.verify(m.body, m.headers);
        verified++;
      } catch {
        // counted below
      }
    }
    t.true(verified >= EVENTS, `every message verifies (${verified} of ${reader.seen.length} read)`);
    t.log(`${reader.seen.length - ids().size} duplicates (same webhook-id) after the restart`);
  },
);
