// The other snippets of the README, type-checked with the repository (`npm run typecheck`) so the
// README cannot drift from the client's types.
import { Caravan, CaravanApiError, Webhook, type WebhookHeaders } from '@caravan/client';

export function configure(): Caravan {
  return new Caravan({
    apiKey: process.env.CARAVAN_API_KEY!, // a tenant key (ck_live_…), or the admin key for admin groups
    baseUrl: 'https://caravan.example.com',
    timeoutMs: 30_000, // per attempt (default)
    maxRetries: 2, // after a 429, a 5xx, a timeout or a network error (default)
  });
}

export async function lists(caravan: Caravan): Promise<void> {
  const page = await caravan.deliveries.list({ status: 'failed', limit: 100 }); // { data, nextCursor }
  console.log(page.nextCursor);
  for await (const delivery of caravan.deliveries.list({ status: 'failed' })) {
    await caravan.deliveries.retry(delivery.id);
  }
}

export async function errors(caravan: Caravan): Promise<void> {
  try {
    await caravan.endpoints.create({ url: 'not a url' });
  } catch (error) {
    if (error instanceof CaravanApiError && error.code === 'CARAVAN_VALIDATION_FAILED') {
      console.log(error.errors); // [{ field: '/body/url', message: '…' }]
    } else throw error;
  }
}

export async function options(caravan: Caravan, endpointId: string): Promise<void> {
  await caravan.endpoints.rotateSecret(
    endpointId,
    { gracePeriodSeconds: 3600 },
    { idempotencyKey: 'rotate-42' },
  );
  await caravan.events.list({}, { signal: AbortSignal.timeout(5_000), maxRetries: 0 });
}

export async function receive(rawBody: Uint8Array, headers: WebhookHeaders): Promise<unknown> {
  const webhook = new Webhook(process.env.ENDPOINT_SECRET!); // whsec_… (or whpk_… for Ed25519 endpoints)
  return webhook.verify(rawBody, headers); // the exact bytes received, not re-serialised JSON
}
