import { Webhook } from 'standardwebhooks';
import { caravanClient } from './caravanClient.js';
import { startReceiver, type ReceivedRequest } from './dispatching.js';
import { waitFor } from '@caravan/testing';

/** Where a running Caravan serves its API, and its admin key. */
export interface CaravanAt {
  url: string;
  adminKey: string;
}

/**
 * How long a dispatcher may still sign with what it read before a rotation: its endpoint cache TTL
 * (5 s, docs/endpoints.md) plus a margin for a request signed just before and still on its way.
 */
export const PROPAGATION_MS = 5_000 + 2_000;

export interface RotationReport {
  grace: {
    events: number;
    requests: number;
    /** Requests that carried two signatures (the overlap). */
    dualSigned: number;
    /** Verifications that failed with the one secret the receiver knew at the time. */
    failed: number;
    /** Every two-signature request verifies with each secret on its own. */
    overlapVerifiesWithEach: boolean;
    /** Every request verified after the receiver switched did so with the new secret. */
    newSecretAfterSwitch: boolean;
  };
  emergency: {
    events: number;
    requests: number;
    /** The API lists only the new secret right after the rotation. */
    listedOnlyNew: boolean;
    /** Requests the receiver refused while the rotation propagated (signed with the leaked secret). */
    refused: number;
    refusedWereOldSignedDuringPropagation: boolean;
    /** Requests after the propagation bound: one signature, the new secret's. */
    afterPropagation: number;
    afterPropagationNewOnly: boolean;
  };
  /** Every event produced reached the receiver and verified. */
  allDelivered: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const signatures = (r: ReceivedRequest) => (r.headers['webhook-signature'] ?? '').split(' ').filter(Boolean);
const verifies = (secret: string, r: ReceivedRequest) => {
  try {
    new Webhook(secret).verify(r.body, r.headers);
    return true;
  } catch {
    return false;
  }
};

/**
 * Events flow through the API without pause to an endpoint whose receiver knows one secret at a time
 * and verifies each request with the official `standardwebhooks` package, answering 400 when it fails.
 * First a rotation with a grace period: the receiver keeps the old secret until {@link PROPAGATION_MS}
 * after the answer, then switches. Then an emergency rotation (grace 0): the receiver drops the leaked
 * secret at once; what it refuses is retried and must verify with the new secret.
 */
export async function rotateUnderLoad(
  caravan: CaravanAt,
  options: { verifiedBefore?: number; verifiedAfter?: number; pauseMs?: number } = {},
): Promise<RotationReport> {
  const verifiedBefore = options.verifiedBefore ?? 20;
  const verifiedAfter = options.verifiedAfter ?? 20;
  const pauseMs = options.pauseMs ?? 20;
  const admin = caravanClient(caravan.url, caravan.adminKey);
  const tenant = await admin.tenants.create({ name: 'Rotation' });
  const api = caravanClient(caravan.url, (await admin.apiKeys.create(tenant.id, {})).key);

  const state = { known: '', failed: [] as ReceivedRequest[], verified: [] as ReceivedRequest[] };
  const verifiedIds = new Set<string>();
  const server = await startReceiver((req, res) => {
    if (verifies(state.known, req)) {
      state.verified.push(req);
      verifiedIds.add(req.headers['webhook-id'] ?? '');
      res.writeHead(204).end();
    } else {
      state.failed.push(req);
      res.writeHead(400).end('bad signature');
    }
  });
  try {
    const endpoint = await api.endpoints.create({
      url: server.url,
      retrySchedule: Array<number>(10).fill(2),
    });
    const secretA = endpoint.secret;
    state.known = secretA;

    const produced: string[] = [];
    let producing = false;
    let producer: Promise<void> = Promise.resolve();
    const produce = () => {
      producing = true;
      producer = (async () => {
        for (let n = 0; producing; n++) {
          produced.push((await api.events.send({ eventType: 'invoice.paid', payload: { n } })).id);
          await sleep(pauseMs);
        }
      })();
    };
    const stopProducing = async () => {
      producing = false;
      await producer;
    };
    const rotate = (gracePeriodSeconds: number) =>
      api.endpoints.rotateSecret(endpoint.id, { gracePeriodSeconds });

    produce();
    await waitFor(() => state.verified.length >= verifiedBefore, 'verified deliveries before', 90_000);
    const secretB = (await rotate(3600)).secret;
    const rotatedAt = Date.now();
    await waitFor(() => Date.now() >= rotatedAt + PROPAGATION_MS, 'the rotation to propagate');
    state.known = secretB;
    const switchedAt = state.verified.length;
    await waitFor(
      () => state.verified.length - switchedAt >= verifiedAfter,
      'deliveries verified with the new secret',
      90_000,
    );
    await stopProducing();
    await waitFor(() => produced.every((id) => verifiedIds.has(id)), 'every event verified', 90_000);
    const overlap = server.received.filter((r) => signatures(r).length === 2);
    const grace: RotationReport['grace'] = {
      events: produced.length,
      requests: server.received.length,
      dualSigned: overlap.length,
      failed: state.failed.length,
      overlapVerifiesWithEach: overlap.every((r) => verifies(secretA, r) && verifies(secretB, r)),
      newSecretAfterSwitch: state.verified.slice(switchedAt).every((r) => verifies(secretB, r)),
    };

    const mark = { produced: produced.length, received: server.received.length };
    produce();
    await waitFor(() => produced.length >= mark.produced + 10, 'events flowing again');
    const emergency = await rotate(0);
    const secretC = emergency.secret;
    state.known = secretC;
    const emergencyAt = Date.now();
    const listed = await api.endpoints.listSecrets(endpoint.id);
    await waitFor(() => Date.now() >= emergencyAt + PROPAGATION_MS, 'the emergency rotation to propagate');
    const settled = server.received.length;
    await waitFor(() => server.received.length >= settled + verifiedAfter, 'requests after it', 90_000);
    await stopProducing();
    const allDelivered = await waitFor(
      () => produced.every((id) => verifiedIds.has(id)),
      'every event verified',
      120_000,
    ).then(
      () => true,
      () => false,
    );
    const after = server.received.slice(settled);
    const refused = state.failed.slice(grace.failed);
    return {
      grace,
      emergency: {
        events: produced.length - mark.produced,
        requests: server.received.length - mark.received,
        listedOnlyNew: listed.data.length === 1 && listed.data[0]?.id === emergency.id,
        refused: refused.length,
        refusedWereOldSignedDuringPropagation: refused.every(
          (r) => verifies(secretB, r) && r.receivedAt < emergencyAt + PROPAGATION_MS,
        ),
        afterPropagation: after.length,
        afterPropagationNewOnly: after.every(
          (r) => signatures(r).length === 1 && verifies(secretC, r) && !verifies(secretB, r),
        ),
      },
      allDelivered,
    };
  } finally {
    await server.close();
  }
}
