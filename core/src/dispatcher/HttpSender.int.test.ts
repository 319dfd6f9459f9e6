import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { startReceiver, type Receiver } from '../../../tests/support/dispatching.js';
import { systemClock } from '../domain/Clock.js';
import type { HostResolver } from '../domain/urlGuard.js';
import { EXCERPT_BYTES, HttpSender, type HttpSenderOptions } from './HttpSender.js';
import type { SendRequest } from './WebhookSender.js';

const LOOPBACK_ONLY = ['127.0.0.1/32'];

function sender(t: { teardown(fn: () => Promise<void>): void }, options: Partial<HttpSenderOptions> = {}) {
  const s = new HttpSender({ allowedCidrs: LOOPBACK_ONLY, clock: systemClock, ...options });
  t.teardown(() => s.close());
  return s;
}

async function receiver(
  t: { teardown(fn: () => Promise<void>): void },
  ...args: Parameters<typeof startReceiver>
) {
  const r = await startReceiver(...args);
  t.teardown(() => r.close());
  return r;
}

const request = (url: string, extra: Partial<SendRequest> = {}): SendRequest => ({
  url,
  headers: { 'content-type': 'application/json', 'webhook-id': 'evt_1' },
  body: Buffer.from('{"ok":true}'),
  timeoutMs: 2_000,
  ...extra,
});

test('HttpSender › a 2xx answer: status, lower-case headers, the body excerpt, no error', async (t) => {
  const r = await receiver(t, (_req, res) => {
    res.setHeader('X-Answer', 'yes');
    res.setHeader('Set-Cookie', ['a=1', 'b=2']);
    res.writeHead(201).end('thanks');
  });
  const result = await sender(t).send(request(r.url));
  t.is(result.statusCode, 201);
  t.is(result.error, null);
  t.is(result.responseHeaders?.['x-answer'], 'yes');
  t.is(result.responseHeaders?.['set-cookie'], 'a=1, b=2');
  t.is(result.responseBodyExcerpt, 'thanks');
  t.is(result.egressAddress, null);
  t.is(r.received[0]?.body.toString(), '{"ok":true}');
  t.is(r.received[0]?.headers['webhook-id'], 'evt_1');
});

test('HttpSender › an empty body is a null excerpt', async (t) => {
  const r = await receiver(t);
  const result = await sender(t).send(request(r.url));
  t.is(result.statusCode, 204);
  t.is(result.responseBodyExcerpt, null);
});

test('HttpSender › a redirect is not followed: a failed attempt with its status', async (t) => {
  const target = await receiver(t);
  const r = await receiver(t, (_req, res) => void res.writeHead(302, { location: target.url }).end());
  const result = await sender(t).send(request(r.url));
  t.is(result.statusCode, 302);
  t.is(result.error?.code, 'non_2xx_status');
  t.regex(result.error?.message ?? '', /302.*not followed/);
  t.is(target.received.length, 0);
});

test('HttpSender › no answer within the timeout, or one that comes too late, is a timeout', async (t) => {
  const hang = await receiver(t, () => undefined);
  const late = await receiver(t, (_req, res) => void setTimeout(() => res.writeHead(200).end('late'), 2_500));
  const s = sender(t);
  for (const r of [hang, late]) {
    const result = await s.send(request(r.url, { timeoutMs: 500 }));
    t.is(result.error?.code, 'timeout');
    t.is(result.statusCode, null);
    t.is(result.responseHeaders, null);
  }
});

test('HttpSender › a body that stalls past the deadline is a timeout that keeps the status', async (t) => {
  const r = await receiver(t, (_req, res) => {
    res.writeHead(200, { 'content-length': '100' });
    res.write('partial');
  });
  const result = await sender(t).send(request(r.url, { timeoutMs: 500 }));
  t.is(result.error?.code, 'timeout');
  t.is(result.statusCode, 200);
});

test('HttpSender › a reset connection or a closed port is connection_failed', async (t) => {
  const reset = await receiver(t, (_req, _res, raw) => void raw.socket.destroy());
  const closed = await startReceiver();
  const closedUrl = closed.url;
  await closed.close();
  const s = sender(t);
  for (const url of [reset.url, closedUrl]) {
    const result = await s.send(request(url));
    t.is(result.error?.code, 'connection_failed', url);
    t.is(result.statusCode, null);
  }
});

test('HttpSender › a 10 MB answer is not read to its end: 4 KiB are kept and the connection dropped', async (t) => {
  let finished = false;
  const r = await receiver(t, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let sent = 0;
    const pump = () => {
      while (sent < 10 * 1024 * 1024) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('finish', () => (finished = true));
    pump();
  });
  const result = await sender(t).send(request(r.url));
  t.is(result.error, null);
  t.is(result.statusCode, 200);
  t.is(result.responseBodyExcerpt?.length, EXCERPT_BYTES);
  t.false(finished, 'the receiver could not write all 10 MB: the sender stopped reading');
});

test('HttpSender › a host that does not resolve is dns_failed', async (t) => {
  const resolve: HostResolver = () =>
    Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }));
  const result = await sender(t, { resolve }).send(request('http://nowhere.test:9/hook'));
  t.is(result.error?.code, 'dns_failed');
});

test('HttpSender › an address outside the allowlist is refused before any byte is sent', async (t) => {
  const forbidden = await receiver(t, undefined, '127.0.0.2');
  const s = sender(t, { resolve: () => Promise.resolve(['127.0.0.1', '127.0.0.2']) });
  const literal = await s.send(request(forbidden.url));
  t.is(literal.error?.code, 'address_not_allowed');
  t.regex(literal.error?.message ?? '', /127\.0\.0\.2 is loopback/);
  const port = new URL(forbidden.url).port;
  const named = await s.send(request(`http://mixed.test:${port}/hook`));
  t.is(named.error?.code, 'address_not_allowed', 'one refused address among several refuses the host');
  t.is(forbidden.received.length, 0);
});

test('HttpSender › the address checked is the address connected to (no DNS rebinding window)', async (t) => {
  // The same port on two loopback addresses: only 127.0.0.1 is allowed.
  const allowed: Receiver = await receiver(
    t,
    (_req, res) => void res.writeHead(200, { connection: 'close' }).end(),
  );
  const port = Number(new URL(allowed.url).port);
  const rebound = await receiver(t, undefined, '127.0.0.2', port);
  const answers = [['127.0.0.1'], ['127.0.0.2']];
  let lookups = 0;
  const resolve: HostResolver = () => Promise.resolve(answers[Math.min(lookups++, 1)]!);
  const s = sender(t, { resolve });
  const first = await s.send(request(`http://rebind.test:${port}/hook`));
  t.is(first.statusCode, 200);
  const second = await s.send(request(`http://rebind.test:${port}/hook`));
  t.is(second.error?.code, 'address_not_allowed');
  t.is(allowed.received.length, 1);
  t.is(rebound.received.length, 0, 'the rebound address never got a request');
});

test('HttpSender › a certificate the receiver cannot prove is tls_failed', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'caravan-tls-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  const server = createHttpsServer(
    { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
    (_req, res) => void res.writeHead(200).end(),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  const result = await sender(t).send(request(`https://127.0.0.1:${port}/hook`));
  t.is(result.error?.code, 'tls_failed');
});
