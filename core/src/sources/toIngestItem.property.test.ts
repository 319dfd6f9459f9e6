import test from 'ava';
import fc from 'fast-check';
import { REJECTION_CODES, toIngestItem, type ConversionSource } from './toIngestItem.js';

const caravan: ConversionSource = { id: 'src_1', format: 'caravan', raw: null };
const convoy: ConversionSource = { id: 'src_1', format: 'convoy', raw: null };
const raw: ConversionSource = { id: 'src_1', format: 'raw', raw: { eventTypeAttribute: 'type' } };
const message = (body: Uint8Array, attributes: Record<string, string> = {}) => ({
  id: 'm-1',
  body,
  attributes,
});
const utf8 = (text: string) => new TextEncoder().encode(text);

/** JSON text of a value, laid out as a producer might: compact, indented, or with odd spacing. */
const layout = fc.constantFrom<(v: unknown) => string>(
  (v) => JSON.stringify(v),
  (v) => JSON.stringify(v, null, 2),
  (v) => JSON.stringify(v, null, '\t'),
  (v) => ` \n${JSON.stringify(v, null, 1)}\r\n `,
);
// Through JSON and back: what a producer can actually send (-0 is written as 0).
const payload = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);
const eventType = fc.stringMatching(/^[a-z]{1,6}(\.[a-z]{1,6}){0,2}$/);

test('envelopes › any bytes become an event or a rejection with a known code, never an exception', (t) => {
  const bodies = fc.oneof(
    fc.uint8Array({ maxLength: 256 }),
    fc.string({ unit: 'binary' }).map(utf8),
    fc.jsonValue().map((v) => utf8(JSON.stringify(v) ?? 'null')),
    fc
      .dictionary(
        fc.constantFrom(
          'eventType',
          'payload',
          'event_type',
          'data',
          'headers',
          'custom_headers',
          'endpoint_id',
        ),
        fc.jsonValue({ maxDepth: 2 }),
      )
      .map((v) => utf8(JSON.stringify(v))),
  );
  const attributes = fc.dictionary(fc.constantFrom('type', 'x-convoy-message-type', 'trace'), fc.string());
  fc.assert(
    fc.property(fc.constantFrom(caravan, convoy, raw), bodies, attributes, (source, body, attrs) => {
      const out = toIngestItem(source, message(body, attrs));
      if (out.ok) t.is(typeof out.item.eventType, 'string');
      else t.true((REJECTION_CODES as readonly string[]).includes(out.reason.code), out.reason.code);
    }),
    { numRuns: 2000 },
  );
});

test('envelopes › caravan: the payload text is the exact bytes of the payload, however the body is laid out', (t) => {
  fc.assert(
    fc.property(
      eventType,
      payload,
      layout,
      fc.option(fc.string(), { nil: undefined }),
      (type, value, lay, key) => {
        const text = lay({ idempotencyKey: key, eventType: type, payload: value });
        const out = toIngestItem(caravan, message(utf8(text)));
        if (!out.ok) return t.fail(JSON.stringify(out.reason));
        t.true(text.includes(out.item.payloadText));
        t.deepEqual(JSON.parse(out.item.payloadText), value);
        t.is(out.item.eventType, type);
        t.is(out.item.idempotencyKey, key ?? 'src_1:m-1');
      },
    ),
  );
});

test('envelopes › convoy: data is kept byte for byte and the routing fields map to Caravan’s', (t) => {
  fc.assert(
    fc.property(
      eventType,
      payload,
      layout,
      fc.constantFrom('single', 'fanout', 'broadcast'),
      (type, value, lay, mode) => {
        const doc = { event_type: type, data: value, endpoint_id: 'ep_1', owner_id: 'own_1' };
        const text = lay(doc);
        const out = toIngestItem(convoy, message(utf8(text), { 'x-convoy-message-type': mode }));
        if (!out.ok) return t.fail(JSON.stringify(out.reason));
        t.deepEqual(JSON.parse(out.item.payloadText), value);
        t.true(text.includes(out.item.payloadText));
        t.is(out.item.eventType, type);
        t.is(out.item.endpointId, mode === 'single' ? 'ep_1' : undefined);
        t.is(out.item.ownerId, mode === 'fanout' ? 'own_1' : undefined);
      },
    ),
  );
});

test('envelopes › raw: the whole body is the payload, trimmed of the whitespace around it', (t) => {
  fc.assert(
    fc.property(payload, layout, eventType, (value, lay, type) => {
      const text = lay(value);
      const out = toIngestItem(raw, message(utf8(text), { type }));
      if (!out.ok) return t.fail(JSON.stringify(out.reason));
      t.is(out.item.payloadText, text.trim());
      t.deepEqual(JSON.parse(out.item.payloadText), value);
    }),
  );
});
