import test, { type ExecutionContext } from 'ava';
import { ConfigError, UrlNotAllowedError, ValidationError } from '../errors/index.js';
import { addressCategory, embeddedIpv4, ipv6ToBigInt, type AddressCategory } from './ipAddress.js';
import { UrlGuard, classifyAddress, createAddressAllowlist, type HostResolver } from './urlGuard.js';

const categories: [ip: string, category: AddressCategory][] = [
  ['8.8.8.8', 'public'],
  ['93.184.216.34', 'public'],
  ['1.1.1.1', 'public'],
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['10.0.0.1', 'private'],
  ['10.255.255.255', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['172.32.0.1', 'public'],
  ['172.15.255.255', 'public'],
  ['192.168.1.1', 'private'],
  ['100.64.0.1', 'cgnat'],
  ['100.127.255.255', 'cgnat'],
  ['100.128.0.1', 'public'],
  ['100.100.100.200', 'cgnat'],
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['169.254.169.254', 'metadata'],
  ['169.254.0.1', 'link-local'],
  ['168.63.129.16', 'metadata'],
  ['192.0.0.192', 'reserved'],
  ['192.0.2.10', 'reserved'],
  ['198.18.0.1', 'reserved'],
  ['198.51.100.7', 'reserved'],
  ['203.0.113.9', 'reserved'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['240.0.0.1', 'reserved'],
  ['255.255.255.255', 'broadcast'],
  ['2606:4700:4700::1111', 'public'],
  ['2001:4860:4860::8888', 'public'],
  ['::', 'unspecified'],
  ['::1', 'loopback'],
  ['0:0:0:0:0:0:0:1', 'loopback'],
  ['fd00:ec2::254', 'metadata'],
  ['fc00::1', 'unique-local'],
  ['fd12:3456::1', 'unique-local'],
  ['fe80::1', 'link-local'],
  ['fe80::1%eth0', 'link-local'],
  ['febf::1', 'link-local'],
  ['fec0::1', 'private'],
  ['ff02::1', 'multicast'],
  ['2001:db8::1', 'reserved'],
  ['2001:0:4136:e378::1', 'reserved'],
  ['100::1', 'reserved'],
  ['4000::1', 'reserved'],
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['::FFFF:7F00:0001', 'loopback'],
  ['::ffff:169.254.169.254', 'metadata'],
  ['::ffff:a9fe:a9fe', 'metadata'],
  ['::ffff:10.0.0.1', 'private'],
  ['::ffff:8.8.8.8', 'public'],
  ['::ffff:0:127.0.0.1', 'loopback'],
  ['::127.0.0.1', 'loopback'],
  ['::7f00:1', 'loopback'],
  ['::0.0.0.2', 'unspecified'],
  ['64:ff9b::127.0.0.1', 'loopback'],
  ['64:ff9b::a00:1', 'private'],
  ['64:ff9b::8.8.8.8', 'public'],
  ['64:ff9b:1::1', 'private'],
  ['2002:7f00:1::1', 'loopback'],
  ['2002:0808:0808::1', 'public'],
  ['2002:a9fe:a9fe::', 'metadata'],
  ['not-an-ip', 'reserved'],
];

for (const [ip, category] of categories) {
  test(`addressCategory › ${ip} is ${category}`, (t) => {
    t.is(addressCategory(ip), category);
  });
}

test('ipv6ToBigInt › expands :: and dotted tails', (t) => {
  t.is(ipv6ToBigInt('::1'), 1n);
  t.is(ipv6ToBigInt('::'), 0n);
  t.is(ipv6ToBigInt('::ffff:1.2.3.4'), (0xffffn << 32n) | 0x01020304n);
  t.is(ipv6ToBigInt('1::'), 1n << 112n);
  t.is(ipv6ToBigInt('1:2:3:4:5:6:7:8'), 0x00010002000300040005000600070008n);
  t.is(ipv6ToBigInt('127.0.0.1'), undefined);
  t.is(ipv6ToBigInt('1:::2'), undefined);
});

test('embeddedIpv4 › finds the IPv4 address in mapped, compatible, NAT64 and 6to4 forms only', (t) => {
  t.is(embeddedIpv4('::ffff:7f00:1'), '127.0.0.1');
  t.is(embeddedIpv4('::ffff:0:a00:1'), '10.0.0.1');
  t.is(embeddedIpv4('::a00:1'), '10.0.0.1');
  t.is(embeddedIpv4('64:ff9b::c0a8:101'), '192.168.1.1');
  t.is(embeddedIpv4('2002:c0a8:0101:5::1'), '192.168.1.1');
  t.is(embeddedIpv4('::1'), undefined);
  t.is(embeddedIpv4('::'), undefined);
  t.is(embeddedIpv4('2606:4700::1111'), undefined);
  t.is(embeddedIpv4('10.0.0.1'), undefined);
});

test('classifyAddress › only public addresses pass without an allowlist', (t) => {
  const none = createAddressAllowlist([]);
  t.deepEqual(classifyAddress('8.8.8.8', none), { address: '8.8.8.8', category: 'public', allowed: true });
  t.deepEqual(classifyAddress('127.0.0.1', none), {
    address: '127.0.0.1',
    category: 'loopback',
    allowed: false,
  });
  t.false(classifyAddress('::ffff:127.0.0.1', none).allowed);
  t.false(classifyAddress('::ffff:7f00:1', none).allowed);
  t.false(classifyAddress('fe80::1%eth0', none).allowed);
});

test('classifyAddress › the allowlist admits exactly its ranges, IPv4-mapped forms included', (t) => {
  const loopback = createAddressAllowlist(['127.0.0.0/8']);
  t.true(classifyAddress('127.0.0.1', loopback).allowed);
  t.true(classifyAddress('127.0.0.2', loopback).allowed);
  t.true(classifyAddress('::ffff:127.0.0.1', loopback).allowed);
  t.true(classifyAddress('::ffff:7f00:1', loopback).allowed);
  t.false(classifyAddress('::1', loopback).allowed, 'IPv6 loopback is its own range');
  t.false(classifyAddress('10.0.0.1', loopback).allowed);
  t.false(classifyAddress('169.254.169.254', loopback).allowed);

  const mixed = createAddressAllowlist(['10.1.0.0/16', '::1/128', 'fd00:1234::/32']);
  t.true(classifyAddress('10.1.2.3', mixed).allowed);
  t.false(classifyAddress('10.2.0.1', mixed).allowed);
  t.true(classifyAddress('::1', mixed).allowed);
  t.true(classifyAddress('fd00:1234::9', mixed).allowed);
  t.false(classifyAddress('fd00:1235::9', mixed).allowed);
  t.is(classifyAddress('fd00:1234::9', mixed).category, 'unique-local');
});

test('createAddressAllowlist › names a malformed entry', (t) => {
  for (const bad of ['127.0.0.0', '127.0.0.0/33', 'localhost/8', '::1/129', '10.0.0.0/8/1', '10.0.0.0/x']) {
    const error = t.throws(() => createAddressAllowlist(['10.0.0.0/8', bad]), { instanceOf: ConfigError });
    t.is(error.issues[0]?.path, 'ssrf.allowedCidrs[1]', bad);
  }
});

/** A resolver with fixed answers; unknown hosts fail like getaddrinfo does. */
function resolverOf(answers: Record<string, string[]>): HostResolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = (host: string) => {
    calls.push(host);
    const found = answers[host];
    return found
      ? Promise.resolve(found)
      : Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }));
  };
  return Object.assign(resolve, { calls });
}

async function refusal(t: ExecutionContext, guard: UrlGuard, url: string) {
  const error = await t.throwsAsync(guard.check(url), { instanceOf: ValidationError });
  t.deepEqual(error.errors[0]?.path, ['url']);
  return { code: error.code, message: error.errors[0]?.message ?? '' };
}

test('UrlGuard › accepts a host whose every address is public, and answers them', async (t) => {
  const resolve = resolverOf({ 'hooks.example.com': ['93.184.216.34', '2606:2800:220:1::1'] });
  const guard = new UrlGuard({ allowedCidrs: [], resolve });
  t.deepEqual(await guard.check('https://hooks.example.com/caravan?x=1'), [
    '93.184.216.34',
    '2606:2800:220:1::1',
  ]);
  t.deepEqual(resolve.calls, ['hooks.example.com']);
});

test('UrlGuard › refuses a host when any one of its addresses is private', async (t) => {
  const resolve = resolverOf({ 'rebind.example': ['93.184.216.34', '10.0.0.5'] });
  const guard = new UrlGuard({ allowedCidrs: [], resolve });
  const { code, message } = await refusal(t, guard, 'https://rebind.example/');
  t.is(code, 'CARAVAN_URL_NOT_ALLOWED');
  t.is(
    message,
    'resolves to 10.0.0.5, a private network address; endpoints must be reachable at public addresses',
  );
});

test('UrlGuard › IP literals are checked without a lookup', async (t) => {
  const resolve = resolverOf({});
  const guard = new UrlGuard({ allowedCidrs: ['127.0.0.0/8'], resolve });
  t.deepEqual(await guard.check('http://127.0.0.1:8080/hook'), ['127.0.0.1']);
  t.deepEqual(await guard.check('http://[::ffff:127.0.0.1]/'), ['::ffff:7f00:1']);
  for (const [url, address] of [
    ['http://10.0.0.1/', '10.0.0.1'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
    ['http://[::1]:8080/', '::1'],
    ['http://[fd00:ec2::254]/', 'fd00:ec2::254'],
    ['http://[::ffff:169.254.169.254]/', '::ffff:a9fe:a9fe'],
    ['http://0.0.0.0/', '0.0.0.0'],
    // WHATWG URL parsing normalises the odd IPv4 spellings before the check.
    ['http://2130706433/', '127.0.0.1'],
    ['http://0x0a.0.0.1/', '10.0.0.1'],
    ['http://012.0.0.1/', '10.0.0.1'],
  ] as const) {
    if (address === '127.0.0.1') {
      t.deepEqual(await guard.check(url), [address]);
      continue;
    }
    const { code, message } = await refusal(t, guard, url);
    t.is(code, 'CARAVAN_URL_NOT_ALLOWED', url);
    t.true(message.startsWith(`is ${address}, `), `${url}: ${message}`);
  }
  t.deepEqual(resolve.calls, []);
});

test('UrlGuard › a host that does not resolve is refused on the url field', async (t) => {
  const guard = new UrlGuard({ allowedCidrs: [], resolve: resolverOf({ 'empty.example': [] }) });
  const missing = await refusal(t, guard, 'https://nowhere.example/');
  t.is(missing.code, 'CARAVAN_URL_NOT_ALLOWED');
  t.regex(missing.message, /^host "nowhere\.example" could not be resolved \(ENOTFOUND\)/);
  t.regex((await refusal(t, guard, 'https://empty.example/')).message, /could not be resolved \(ENODATA\)/);
});

test('UrlGuard › a lookup that hangs is refused after the timeout', async (t) => {
  const guard = new UrlGuard({
    allowedCidrs: [],
    resolve: () => new Promise(() => {}),
    resolveTimeoutMs: 20,
  });
  t.regex((await refusal(t, guard, 'https://slow.example/')).message, /could not be resolved \(ETIMEOUT\)/);
});

test('UrlGuard › refuses other schemes and credentials as invalid input', async (t) => {
  const guard = new UrlGuard({ allowedCidrs: [], resolve: resolverOf({ 'a.example': ['8.8.8.8'] }) });
  const ftp = await refusal(t, guard, 'ftp://a.example/');
  t.is(ftp.code, 'CARAVAN_VALIDATION_FAILED');
  t.is(ftp.message, 'must be an http or https URL');
  const creds = await refusal(t, guard, 'https://user:pw@a.example/');
  t.is(creds.code, 'CARAVAN_VALIDATION_FAILED');
  t.regex(creds.message, /must not contain a user name or password/);
  t.is((await refusal(t, guard, 'not a url')).message, 'must be an absolute http or https URL');
  const notAllowed = await t.throwsAsync(guard.check('http://10.0.0.1/', ['endpoints', 0, 'url']), {
    instanceOf: UrlNotAllowedError,
  });
  t.deepEqual(notAllowed.errors[0]?.path, ['endpoints', 0, 'url']);
});

test('UrlGuard › refuses port 0 and the well-known ports of non-web services, naming the service', async (t) => {
  const guard = new UrlGuard({ allowedCidrs: [], resolve: () => Promise.resolve(['93.184.216.34']) });
  for (const [url, message] of [
    ['https://hooks.example:0/x', 'must not use port 0'],
    ['http://hooks.example:22/x', 'must not use port 22, the well-known SSH port'],
    ['https://hooks.example:6379/', 'must not use port 6379, the well-known Redis port'],
  ] as const) {
    const error = await t.throwsAsync(guard.check(url));
    t.true(error instanceof ValidationError, url);
    t.deepEqual((error as ValidationError).errors, [{ path: ['url'], message }], url);
  }
  for (const url of ['https://hooks.example/x', 'http://hooks.example:80/', 'https://hooks.example:8443/x']) {
    t.deepEqual(await guard.check(url), ['93.184.216.34'], url);
  }
});
