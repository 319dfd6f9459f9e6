// Tenant A of the noisy-tenant guard, a process of its own started at a low CPU priority: its client
// work (writing megabytes, reading answers) runs neither on the event loop that times tenant B's
// requests nor ahead of the Caravan process it attacks, as a client on another machine would not. The
// guard sends 'attack' and 'pause' over IPC and waits for the answer: 'attack' is answered once every
// attack has been answered once, 'pause' once every request in flight has been answered. Its options
// come as JSON in HOSTILE_TENANT.

export interface HostileTenantOptions {
  url: string;
  key: string;
  /** Attack names to run (the default set when empty). */
  attacks: string[];
  /** Connections each attack keeps busy. */
  concurrency: number;
}

export type HostileTenantMessage = 'attack' | 'pause';
export interface HostileTenantReport {
  state: 'attacking' | 'paused';
  counts: Record<string, Record<string, number>>;
  /** The last event id ingest accepted from tenant A, to wait for the router to have stored it. */
  lastAccepted: string | undefined;
}

const { url, key, attacks, concurrency } = JSON.parse(
  process.env.HOSTILE_TENANT ?? '',
) as HostileTenantOptions;
const reply = (report: HostileTenantReport) => process.send!(report);
const json = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };

let deep = '1';
for (let i = 0; i < 5000; i++) deep = `[${deep}]`;
/** A batch of `size` bytes of events carrying `blobBytes` of payload each. */
const batch = (size: number, blobBytes: number) => {
  const blob = 'x'.repeat(blobBytes);
  const events = [];
  let bytes = 20;
  for (let i = 0; bytes + blobBytes + 60 < size; i++, bytes += blobBytes + 60) {
    events.push({ eventType: 'noisy.big', payload: { i, blob } });
  }
  return Buffer.from(JSON.stringify({ events }));
};

interface Request {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer;
}
const post = (path: string, body: string | Buffer, headers = json): Request => ({
  path,
  method: 'POST',
  headers,
  body: Buffer.from(body),
});

// The worst inputs of issue #17, each built once: the attacker spends its time sending, not encoding.
const hostile: Record<string, () => Request[]> = {
  // Catastrophic backtracking on a tenant-supplied pattern (RE2 makes it linear).
  redos: () => [
    post('/v1/events', JSON.stringify({ eventType: 'noisy.redos', payload: { s: `${'a'.repeat(30)}!` } })),
  ],
  // 5,000 levels deep: refused at 64.
  deepNesting: () => [post('/v1/events', `{"eventType":"noisy.deep","payload":${deep}}`)],
  // The 60 MB batch of the issue: over the 16 MiB cap, refused from its Content-Length.
  hugeBatch: () => [post('/v1/events/batch', batch(60_000_000, 590_000))],
  // The largest batch ingest accepts: just under 16 MiB, 28 payloads of about 590 KB.
  maxBatch: () => [post('/v1/events/batch', batch(16 * 1024 * 1024 - 1024, 590_000))],
  malformed: () => [
    { path: '/v1/events/%E0%A4%A', headers: json },
    post(
      '/v1/events',
      Buffer.concat([
        Buffer.from('{"eventType":"noisy.utf8","payload":"'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('"}'),
      ]),
    ),
  ],
  wrongKeys: () => [
    post('/v1/events', '{"eventType":"noisy.key","payload":{}}', {
      ...json,
      authorization: `Bearer ck_wrong_${Math.random().toString(36).slice(2)}`,
    }),
  ],
};

// maxBatch is legal, sustained volume rather than a hostile input, and is left out by default: see
// docs/testing.md.
const chosen = attacks.length ? attacks : Object.keys(hostile).filter((name) => name !== 'maxBatch');
const counts: Record<string, Record<string, number>> = {};
let lastAccepted: string | undefined;
let attacking = false;
let inFlight = 0;
let onIdle: (() => void) | undefined;

async function send(name: string, request: Request): Promise<void> {
  const res = await fetch(`${url}${request.path}`, {
    method: request.method ?? 'GET',
    headers: request.headers ?? {},
    ...(request.body ? { body: request.body } : {}),
  }).catch((error: Error) => ({
    status: error.cause instanceof Error ? error.cause.message : error.message,
  }));
  if ('arrayBuffer' in res) {
    const body = await res.arrayBuffer().catch(() => undefined);
    if (res.status === 202 && body) {
      const answer = JSON.parse(Buffer.from(body).toString()) as { id?: string; data?: { id: string }[] };
      lastAccepted = answer.id ?? answer.data?.at(-1)?.id ?? lastAccepted;
    }
  }
  const byStatus = (counts[name] ??= {});
  byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
}

/** Sends `requests` over and over while attacking; `started` resolves once the first one is answered. */
function loop(name: string, requests: Request[] | (() => Request[])): { started: Promise<void> } {
  let started!: () => void;
  const first = new Promise<void>((resolve) => (started = resolve));
  inFlight++;
  void (async () => {
    try {
      while (attacking) {
        for (const request of typeof requests === 'function' ? requests() : requests)
          await send(name, request);
        started();
      }
    } finally {
      started();
      if (--inFlight === 0) onIdle?.();
    }
  })();
  return { started: first };
}

const built = Object.fromEntries(
  chosen.map((name) => {
    const make = hostile[name];
    if (!make) throw new Error(`unknown attack ${name}; known: ${Object.keys(hostile).join(', ')}`);
    // Wrong keys differ on every request; the others are built once.
    return [name, name === 'wrongKeys' ? make : make()] as const;
  }),
);

process.on('message', (message: HostileTenantMessage) => {
  if (message === 'attack' && !attacking) {
    attacking = true;
    const loops = Object.entries(built).flatMap(([name, requests]) =>
      Array.from({ length: concurrency }, () => loop(name, requests).started),
    );
    // Answered once every attack has been answered at least once: the attack is under way.
    void Promise.all(loops).then(() => reply({ state: 'attacking', counts, lastAccepted }));
  } else if (message === 'pause') {
    attacking = false;
    const report = () => reply({ state: 'paused', counts, lastAccepted });
    if (inFlight === 0) report();
    else onIdle = report;
  }
});
