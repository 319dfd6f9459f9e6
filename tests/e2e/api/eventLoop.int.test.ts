import test from 'ava';
import { ApiHarness, createTenantWithKey } from '../../support/apiHarness.js';

// One tenant's expensive request must not stall the event loop that answers everyone else. Each test
// compares /healthz while the request runs with the request's own duration, measured in the same test:
// a loop held for the whole request would make one /healthz wait as long as the request. Serial: the
// API runs in this process, so a test running beside another would measure the other's request too.

/** /healthz waits, one after another, until `until` settles. Raw fetch: /healthz is outside the contract. */
async function healthzWaits(api: ApiHarness, until: Promise<unknown>): Promise<number[]> {
  let settled = false;
  void until.finally(() => (settled = true));
  const waits: number[] = [];
  while (!settled) {
    const started = performance.now();
    await (await fetch(`${api.url}/healthz`)).text();
    waits.push(performance.now() - started);
  }
  return waits;
}

const json = { 'content-type': 'application/json' };

async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work;
  return { value, ms: performance.now() - started };
}

test.serial(
  'event loop › a pathological but legal schema check runs off the loop and is cut at its time limit',
  async (t) => {
    const api = await ApiHarness.start('sqlite');
    t.teardown(() => api.close());
    const { key } = await createTenantWithKey(api);
    // RE2 makes patterns linear, but Ajv still compares array items of unknown type pairwise for
    // uniqueItems: 60,000 distinct objects are ~1.8 billion comparisons, minutes on one core.
    const type = await api.request('POST', '/v1/event-types', {
      key,
      body: { name: 'bulk.unique', schema: { type: 'array', uniqueItems: true } },
    });
    t.is(type.status, 201);
    const payload = Array.from({ length: 60_000 }, (_, i) => ({ n: i }));
    const sent = timed(
      api.request('POST', '/v1/events', { key, body: { eventType: 'bulk.unique', payload } }),
    );
    const waits = await healthzWaits(api, sent);
    const { value: res, ms } = await sent;
    t.log(`request ${Math.round(ms)} ms; /healthz waits ${waits.map(Math.round).join(', ')} ms`);
    t.is(res.status, 400);
    t.is(res.body.code, 'CARAVAN_PAYLOAD_SCHEMA_MISMATCH');
    t.deepEqual(res.body.errors, [
      {
        field: '/body/payload',
        message:
          "could not be checked against its event type's schema within 2000 ms; simplify the schema or send a smaller payload",
      },
    ]);
    t.true(
      waits.length >= 3,
      `/healthz answered ${waits.length} times during the ${Math.round(ms)} ms request`,
    );
    t.true(
      Math.max(...waits) < ms / 2,
      `longest /healthz wait ${Math.round(Math.max(...waits))} ms, request ${Math.round(ms)} ms`,
    );

    const small = await api.request('POST', '/v1/events', {
      key,
      body: { eventType: 'bulk.unique', payload: [{ n: 1 }, { n: 1 }] },
    });
    t.is(small.status, 400, 'a small payload is still checked, inline');
    t.is(small.body.code, 'CARAVAN_PAYLOAD_SCHEMA_MISMATCH');
    const fine = await api.request('POST', '/v1/events', {
      key,
      body: { eventType: 'bulk.unique', payload: Array.from({ length: 3_000 }, (_, i) => ({ n: i })) },
    });
    t.is(fine.status, 202, 'a large payload the pool checks in time is accepted');
  },
);

test.serial(
  'event loop › a batch at the 16 MiB body cap is accepted while /healthz keeps answering; a larger one is a 413',
  async (t) => {
    const api = await ApiHarness.start('sqlite');
    t.teardown(() => api.close());
    const { key } = await createTenantWithKey(api);
    const filler = 'x'.repeat(33_000);
    const events = Array.from({ length: 500 }, (_, i) => ({
      eventType: 'bulk.item',
      payload: { i, filler },
    }));
    const body = JSON.stringify({ events });
    t.true(body.length > 16_000_000 && body.length <= 16 * 1024 * 1024, `${body.length} bytes`);
    const sent = timed(api.request('POST', '/v1/events/batch', { key, rawBody: body, headers: json }));
    const waits = await healthzWaits(api, sent);
    const { value: res, ms } = await sent;
    t.log(`request ${Math.round(ms)} ms; /healthz waits ${waits.map(Math.round).join(', ')} ms`);
    t.is(res.status, 202);
    t.is(res.body.data.length, 500);
    t.true(
      waits.length >= 3,
      `/healthz answered ${waits.length} times during the ${Math.round(ms)} ms request`,
    );
    // Parsing the body and appending its events are steps that cannot be split; the loop turns between
    // them, so no single wait covers most of the request.
    t.true(
      Math.max(...waits) < ms * 0.75,
      `longest /healthz wait ${Math.round(Math.max(...waits))} ms, request ${Math.round(ms)} ms`,
    );

    const over = `{"events":[{"eventType":"bulk.item","payload":"${'x'.repeat(16 * 1024 * 1024)}"}]}`;
    const refused = await api.request('POST', '/v1/events/batch', { key, rawBody: over, headers: json });
    t.is(refused.status, 413);
    t.is(refused.body.code, 'CARAVAN_PAYLOAD_TOO_LARGE');
    // The rest of a refused body is not read: the connection is closed instead.
    t.is(refused.headers.get('connection'), 'close');
  },
);
