import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import test, { type ExecutionContext } from 'ava';
import { pino } from 'pino';
import { startConnectProxy, type ConnectProxy } from '@caravan/testing';
import {
  openDispatchBacking,
  seedTenant,
  startReceiver,
  type Receiver,
} from '../../../../tests/support/dispatching.js';
import { ManualClock } from '../../domain/Clock.js';
import type { EgressPool, EgressPoolMode } from '../../domain/egressPool.js';
import type { Endpoint } from '../../domain/endpoint.js';
import type { HostResolver } from '../../domain/urlGuard.js';
import { newId } from '../../domain/ids.js';
import { KnexEgressPoolRepository } from '../../storage/knex/KnexEgressPoolRepository.js';
import { HttpSender } from '../HttpSender.js';
import type { SendRequest } from '../WebhookSender.js';
import { EgressRouter } from './EgressRouter.js';

const logger = pino({ level: 'silent' });
// An address no interface of this machine has (TEST-NET-1): binding to it fails with EADDRNOTAVAIL.
const ABSENT = '192.0.2.10';

interface Setup {
  router: EgressRouter;
  sender: HttpSender;
  pools: KnexEgressPoolRepository;
  clock: ManualClock;
  tenantId: string;
  otherTenantId: string;
  defaults: Map<string, string>;
  pool(mode: EgressPoolMode, addresses: string[], tenants?: string[]): Promise<EgressPool>;
  endpoint(url: string, egressPoolId: string | null): Endpoint;
  send(endpoint: Endpoint): ReturnType<HttpSender['send']>;
  receiver(): Promise<Receiver>;
  proxy(localAddress: string): Promise<ConnectProxy>;
}

async function setup(
  t: ExecutionContext,
  options: { allowedCidrs?: string[]; resolve?: HostResolver } = {},
): Promise<Setup> {
  const backing = await openDispatchBacking('sqlite');
  const clock = new ManualClock(Date.now());
  const sender = new HttpSender({
    allowedCidrs: options.allowedCidrs ?? ['127.0.0.0/8'],
    clock,
    ...(options.resolve ? { resolve: options.resolve } : {}),
  });
  const pools = new KnexEgressPoolRepository({ db: backing.db });
  const defaults = new Map<string, string>();
  const router = new EgressRouter({
    pools,
    tenantDefaultPool: (tenantId) => Promise.resolve(defaults.get(tenantId) ?? null),
    connect: sender.connectOptions(),
    clock,
    logger,
    ttlMs: 1_000,
  });
  const closers: (() => Promise<void>)[] = [];
  t.teardown(async () => {
    await router.close();
    await sender.close();
    await Promise.all(closers.map((c) => c()));
    await backing.cleanup();
  });
  const tenantId = await seedTenant(backing.db);
  const otherTenantId = await seedTenant(backing.db);
  return {
    router,
    sender,
    pools,
    clock,
    tenantId,
    otherTenantId,
    defaults,
    async pool(mode, addresses, tenants) {
      const now = clock.now();
      const pool: EgressPool = {
        id: newId('pool'),
        name: `pool-${newId('pool')}`,
        mode,
        addresses,
        publicIps: ['203.0.113.7'],
        allowAllTenants: tenants === undefined,
        allowedTenantIds: tenants ?? [],
        createdAt: now,
        updatedAt: now,
      };
      await pools.insert(pool);
      return pool;
    },
    endpoint: (url, egressPoolId) => ({ ...baseEndpoint, id: newId('ep'), tenantId, url, egressPoolId }),
    async send(endpoint) {
      const egress = await router.routeFor(endpoint);
      const req: SendRequest = {
        url: endpoint.url,
        headers: { 'content-type': 'application/json' },
        body: Buffer.from('{"ok":true}'),
        timeoutMs: 5_000,
        ...(egress ? { egress } : {}),
      };
      return sender.send(req);
    },
    async receiver() {
      const r = await startReceiver();
      closers.push(() => r.close());
      return r;
    },
    async proxy(localAddress) {
      const p = await startConnectProxy({ localAddress });
      closers.push(() => p.close());
      return p;
    },
  };
}

const baseEndpoint: Endpoint = {
  id: 'ep_x',
  tenantId: 'tnt_x',
  url: 'http://127.0.0.1/',
  description: null,
  ownerId: null,
  eventTypes: ['*'],
  filter: null,
  headers: {},
  rateLimit: null,
  maxConcurrency: null,
  timeoutMs: 5_000,
  retrySchedule: null,
  egressPoolId: null,
  signingScheme: 'hmac',
  payloadFormat: 'raw',
  publicKey: null,
  status: 'active',
  disabledReason: null,
  failingSince: null,
  createdAt: 0,
  updatedAt: 0,
};

test('EgressRouter › a bind pool sends from its local addresses in turn, and records each', async (t) => {
  const s = await setup(t);
  const r = await s.receiver();
  const pool = await s.pool('bind', ['127.0.0.2', '127.0.0.3']);
  const endpoint = s.endpoint(r.url, pool.id);
  const used: (string | null)[] = [];
  for (let i = 0; i < 4; i++) {
    const result = await s.send(endpoint);
    t.is(result.statusCode, 204);
    used.push(result.egressAddress);
  }
  t.deepEqual(used, ['127.0.0.2', '127.0.0.3', '127.0.0.2', '127.0.0.3']);
  t.deepEqual(
    r.received.map((q) => q.remoteAddress),
    used,
  );
});

test('EgressRouter › a local address that cannot be used fails over to the next, sending once', async (t) => {
  const s = await setup(t);
  const r = await s.receiver();
  const pool = await s.pool('bind', [ABSENT, '127.0.0.3']);
  const endpoint = s.endpoint(r.url, pool.id);
  for (let i = 0; i < 2; i++) {
    const result = await s.send(endpoint);
    t.is(result.error, null);
    t.is(result.egressAddress, '127.0.0.3');
  }
  t.deepEqual(
    r.received.map((q) => q.remoteAddress),
    ['127.0.0.3', '127.0.0.3'],
  );
});

test('EgressRouter › a pool of IPv6 and IPv4 addresses reaches an IPv4-only receiver from its IPv4 address', async (t) => {
  const s = await setup(t);
  const r = await s.receiver();
  const pool = await s.pool('bind', ['::1', '127.0.0.2']);
  const endpoint = s.endpoint(r.url, pool.id);
  for (let i = 0; i < 2; i++) {
    const result = await s.send(endpoint);
    t.is(result.error, null);
    t.is(result.egressAddress, '127.0.0.2');
  }
  t.is(r.received.length, 2);
});

test('EgressRouter › when no address of the pool can connect, the attempt fails naming the last', async (t) => {
  const s = await setup(t);
  const r = await s.receiver();
  const pool = await s.pool('bind', [ABSENT, '192.0.2.11']);
  const result = await s.send(s.endpoint(r.url, pool.id));
  t.is(result.error?.code, 'connection_failed');
  t.regex(result.error?.message ?? '', /EADDRNOTAVAIL/);
  t.is(result.egressAddress, '192.0.2.11');
  t.is(r.received.length, 0);
});

test('EgressRouter › the SSRF guard still checks the destination of a bind pool', async (t) => {
  const s = await setup(t, { allowedCidrs: [] });
  const r = await s.receiver();
  const pool = await s.pool('bind', ['127.0.0.2']);
  const result = await s.send(s.endpoint(r.url.replace('127.0.0.1', 'localhost'), pool.id));
  t.is(result.error?.code, 'address_not_allowed');
  t.is(r.received.length, 0);
});

test('EgressRouter › a proxy pool tunnels through its proxies in turn, with their credentials', async (t) => {
  const s = await setup(t);
  const r = await s.receiver();
  const [a, b] = [await s.proxy('127.0.0.2'), await s.proxy('127.0.0.3')];
  const pool = await s.pool('proxy', [a.url, b.url]);
  const endpoint = s.endpoint(r.url, pool.id);
  const used: (string | null)[] = [];
  for (let i = 0; i < 4; i++) {
    const result = await s.send(endpoint);
    t.is(result.statusCode, 204, result.error?.message);
    used.push(result.egressAddress);
  }
  const masked = (p: ConnectProxy) => `http://***@127.0.0.1:${p.port}`;
  t.deepEqual(used, [masked(a), masked(b), masked(a), masked(b)]);
  t.deepEqual(
    r.received.map((q) => q.remoteAddress),
    ['127.0.0.2', '127.0.0.3', '127.0.0.2', '127.0.0.3'],
  );
  // undici tunnels http:// targets too (CONNECT), never the absolute form the proxy would see in clear.
  const port = new URL(r.url).port;
  t.true(a.tunnels.length >= 1 && a.tunnels.every((x) => x === `127.0.0.1:${port}`));
  t.deepEqual(a.absoluteForm.concat(b.absoluteForm), []);
  t.is(a.unauthorized + b.unauthorized, 0);
});

test('EgressRouter › through a proxy, the target is checked first and the proxy connects to the checked address', async (t) => {
  const resolve: HostResolver = (host) =>
    Promise.resolve(
      host === 'hooks.example' ? ['127.0.0.1'] : host === 'metadata.example' ? ['169.254.169.254'] : [],
    );
  const s = await setup(t, { allowedCidrs: ['127.0.0.0/8'], resolve });
  const r = await s.receiver();
  const proxy = await s.proxy('127.0.0.2');
  const pool = await s.pool('proxy', [proxy.url]);
  const port = new URL(r.url).port;

  const ok = await s.send(s.endpoint(`http://hooks.example:${port}/hook`, pool.id));
  t.is(ok.statusCode, 204, ok.error?.message);
  // The proxy was asked for the checked address, not the name it would resolve itself.
  t.deepEqual(proxy.tunnels, [`127.0.0.1:${port}`]);
  t.is(r.received[0]?.headers.host, `hooks.example:${port}`);

  const refused = await s.send(s.endpoint('http://metadata.example/latest/meta-data', pool.id));
  t.is(refused.error?.code, 'address_not_allowed');
  t.regex(refused.error?.message ?? '', /169\.254\.169\.254/);
  const literal = await s.send(s.endpoint('http://169.254.169.254/latest/meta-data', pool.id));
  t.is(literal.error?.code, 'address_not_allowed');
  const unknown = await s.send(s.endpoint('http://nowhere.example/', pool.id));
  t.is(unknown.error?.code, 'dns_failed');
  t.is(proxy.tunnels.length, 1, 'refused targets never reach the proxy');
});

test('EgressRouter › an https target through a proxy keeps its name for SNI and the certificate check', async (t) => {
  const resolve: HostResolver = (host) => Promise.resolve(host === 'hooks.example' ? ['127.0.0.1'] : []);
  const s = await setup(t, { resolve });
  const proxy = await s.proxy('127.0.0.2');
  const pool = await s.pool('proxy', [proxy.url]);
  const dir = mkdtempSync(join(tmpdir(), 'caravan-tls-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
  const args = ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=hooks.example'];
  execFileSync('openssl', [...args, '-keyout', key, '-out', cert], { stdio: 'ignore' });
  const context = createSecureContext({ key: readFileSync(key), cert: readFileSync(cert) });
  const serverNames: string[] = [];
  const server = createHttpsServer(
    {
      SNICallback: (name, done) => {
        serverNames.push(name);
        done(null, context);
      },
    },
    (_req, res) => void res.writeHead(200).end(),
  );
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  t.teardown(() => new Promise<void>((ok) => server.close(() => ok())));
  const { port } = server.address() as AddressInfo;
  const result = await s.send(s.endpoint(`https://hooks.example:${port}/hook`, pool.id));
  // The proxy connected to the checked address; the TLS handshake still named the host, and the
  // self-signed certificate was checked (and refused) as for a direct request.
  t.deepEqual(proxy.tunnels, [`127.0.0.1:${port}`]);
  t.deepEqual(serverNames, ['hooks.example']);
  t.is(result.error?.code, 'tls_failed');
});

test('EgressRouter › the SSRF guard refuses loopback through a proxy unless the allowlist admits it', async (t) => {
  const s = await setup(t, { allowedCidrs: [] });
  const r = await s.receiver();
  const proxy = await s.proxy('127.0.0.2');
  const pool = await s.pool('proxy', [proxy.url]);
  const result = await s.send(s.endpoint(r.url.replace('127.0.0.1', 'localhost'), pool.id));
  t.is(result.error?.code, 'address_not_allowed');
  t.deepEqual(proxy.tunnels, []);
  t.is(r.received.length, 0);
});

test('EgressRouter › a proxy that is down or refuses the tunnel fails over to the next proxy', async (t) => {
  const s = await setup(t);
  const r = await s.receiver();
  const down = await s.proxy('127.0.0.2');
  await down.close();
  const wrongPassword = await startConnectProxy({ localAddress: '127.0.0.2', password: 'other' });
  t.teardown(() => wrongPassword.close());
  const up = await s.proxy('127.0.0.3');
  const pool = await s.pool('proxy', [down.url, wrongPassword.url.replace(':other@', ':secret@'), up.url]);
  const endpoint = s.endpoint(r.url, pool.id);
  for (let i = 0; i < 3; i++) {
    const result = await s.send(endpoint);
    t.is(result.statusCode, 204, result.error?.message);
    t.is(result.egressAddress, `http://***@127.0.0.1:${up.port}`);
  }
  t.is(r.received.length, 3);
  t.true(r.received.every((q) => q.remoteAddress === '127.0.0.3'));
  t.true(wrongPassword.unauthorized >= 1);
});

test('EgressRouter › the tenant default pool applies to endpoints without one; pool changes apply after the TTL', async (t) => {
  const s = await setup(t);
  const r = await s.receiver();
  const direct = await s.send(s.endpoint(r.url, null));
  t.is(direct.egressAddress, null);
  t.is(r.received[0]?.remoteAddress, '127.0.0.1');

  const pool = await s.pool('bind', ['127.0.0.2'], [s.tenantId]);
  s.defaults.set(s.tenantId, pool.id);
  s.clock.advance(1_000);
  const viaDefault = await s.send(s.endpoint(r.url, null));
  t.is(viaDefault.egressAddress, '127.0.0.2');

  const before = await s.router.routeFor(s.endpoint(r.url, null));
  await s.pools.update(pool.id, { addresses: ['127.0.0.3'], updatedAt: s.clock.now() });
  t.is((await s.send(s.endpoint(r.url, null))).egressAddress, '127.0.0.2', 'cached until the TTL');
  s.clock.advance(1_000);
  t.is((await s.send(s.endpoint(r.url, null))).egressAddress, '127.0.0.3');
  // The agent of the address the pool no longer has is closed, with its keep-alive connections.
  const removed = before?.routes[0]?.dispatcher as { closed?: boolean } | undefined;
  t.is(removed?.closed, true);
  t.deepEqual(
    r.received.map((q) => q.remoteAddress),
    ['127.0.0.1', '127.0.0.2', '127.0.0.2', '127.0.0.3'],
  );
});

test('EgressRouter › a pool the tenant may not use is not used', async (t) => {
  const s = await setup(t);
  const r = await s.receiver();
  const pool = await s.pool('bind', ['127.0.0.2'], [s.otherTenantId]);
  const result = await s.send(s.endpoint(r.url, pool.id));
  t.is(result.statusCode, 204);
  t.is(result.egressAddress, null);
  t.is(r.received[0]?.remoteAddress, '127.0.0.1');
});
