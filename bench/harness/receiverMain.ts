/**
 * The benchmark receiver, run in its own process so it never shares an event loop with Caravan or the
 * load generator. Every request is checked like a careful receiver would (Standard Webhooks HMAC over
 * `id.timestamp.body` for the secret registered for its path), its JSON body's `sentAt` gives the
 * send → receipt latency, and arrivals are counted per second. `/__…` paths control and read it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface TagStats {
  answered: number;
  refused: number;
  ids: Set<string>;
  latencies: number[];
  /** Unix second → requests that arrived in it (answered or refused). */
  arrivals: Map<number, number>;
}

interface Behaviour {
  /** Status answered to every webhook while set (a failing fleet of endpoints). */
  failStatus: number | null;
  /** Path prefix → milliseconds to wait before answering (a slow endpoint). */
  delays: Record<string, number>;
}

const secrets = new Map<string, Buffer>();
const stats = new Map<string, TagStats>();
let behaviour: Behaviour = { failStatus: null, delays: {} };
let badSignatures = 0;

function tagStats(tag: string): TagStats {
  let s = stats.get(tag);
  if (!s) {
    s = { answered: 0, refused: 0, ids: new Set(), latencies: [], arrivals: new Map() };
    stats.set(tag, s);
  }
  return s;
}

function signatureValid(path: string, headers: IncomingMessage['headers'], body: Buffer): boolean {
  const secret = secrets.get(path);
  if (!secret) return false;
  const id = String(headers['webhook-id'] ?? '');
  const timestamp = String(headers['webhook-timestamp'] ?? '');
  const expected = createHmac('sha256', secret).update(`${id}.${timestamp}.`).update(body).digest();
  return String(headers['webhook-signature'] ?? '')
    .split(' ')
    .some((sig) => {
      const [version, value] = sig.split(',');
      const got = Buffer.from(value ?? '', 'base64');
      return version === 'v1' && got.length === expected.length && timingSafeEqual(got, expected);
    });
}

function onWebhook(req: IncomingMessage, res: ServerResponse, body: Buffer) {
  const receivedAt = Date.now();
  const path = (req.url ?? '/').split('?')[0]!;
  let tag = 'untagged';
  let sentAt = Number.NaN;
  try {
    const doc = JSON.parse(body.toString()) as { tag?: string; sentAt?: number };
    tag = doc.tag ?? tag;
    sentAt = Number(doc.sentAt);
  } catch {
    // counted under "untagged"
  }
  const s = tagStats(tag);
  const second = Math.floor(receivedAt / 1000);
  s.arrivals.set(second, (s.arrivals.get(second) ?? 0) + 1);
  if (!signatureValid(path, req.headers, body)) badSignatures++;
  const answer = () => {
    if (behaviour.failStatus !== null) {
      s.refused++;
      res.writeHead(behaviour.failStatus).end('failing on purpose');
      return;
    }
    s.answered++;
    // One delivery = one (endpoint, event) pair: fan-out sends the same webhook-id to every endpoint.
    s.ids.add(`${path} ${String(req.headers['webhook-id'] ?? '')}`);
    if (Number.isFinite(sentAt)) s.latencies.push(receivedAt - sentAt);
    res.writeHead(204).end();
  };
  const delay = Object.entries(behaviour.delays).find(([prefix]) => path.startsWith(prefix))?.[1];
  if (delay) setTimeout(answer, delay);
  else answer();
}

function onControl(path: string, body: Buffer, res: ServerResponse): void {
  const json = (value: unknown): void =>
    void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));
  const input = body.length ? (JSON.parse(body.toString()) as Record<string, unknown>) : {};
  if (path === '/__secrets') {
    for (const [p, secret] of Object.entries(input as Record<string, string>)) {
      secrets.set(p, Buffer.from(secret.replace(/^whsec_/, ''), 'base64'));
    }
    return json({ ok: true });
  }
  if (path === '/__behaviour') {
    behaviour = { failStatus: null, delays: {}, ...(input as Partial<Behaviour>) };
    return json(behaviour);
  }
  if (path === '/__stats') {
    const tags = Object.fromEntries(
      [...stats.entries()].map(([tag, s]) => [
        tag,
        {
          answered: s.answered,
          refused: s.refused,
          unique: s.ids.size,
          latencies: input.latencies === false ? [] : s.latencies,
          arrivals: Object.fromEntries(s.arrivals),
        },
      ]),
    );
    return json({ tags, badSignatures });
  }
  res.writeHead(404).end();
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const path = (req.url ?? '/').split('?')[0]!;
    if (path.startsWith('/__')) onControl(path, body, res);
    else onWebhook(req, res, body);
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`receiver listening on ${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('disconnect', () => process.exit(0));
