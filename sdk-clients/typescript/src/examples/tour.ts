// The five-minute tour of the README, compiled by `npm run typecheck` and run by tour.int.test.ts.
// The lines between the `tour:` markers are quoted verbatim in sdk-clients/typescript/README.md.
import { createServer, type Server } from 'node:http';
import { Caravan, Webhook } from '@caravan/client';

export interface TourOptions {
  apiKey: string;
  baseUrl: string;
  /** A free loopback port for the receiver. */
  port: number;
  /** Called with each webhook that passed verification. */
  onVerified: (id: string, payload: unknown) => void;
}

/** Creates an endpoint on a local receiver, sends it an event, and verifies what Caravan delivers. */
export async function tour({
  apiKey,
  baseUrl,
  port,
  onVerified,
}: TourOptions): Promise<{ caravan: Caravan; receiver: Server }> {
  // tour:start
  const caravan = new Caravan({ apiKey, baseUrl });
  const endpoint = await caravan.endpoints.create({ url: `http://127.0.0.1:${port}/hook` });

  // Your customer's receiver: checks each webhook against the endpoint's secret, over the exact bytes.
  const webhook = new Webhook(endpoint.secret);
  const receiver = createServer((req, res) => {
    req
      .toArray()
      .then((chunks: Buffer[]) => webhook.verify(Buffer.concat(chunks), req.headers))
      .then((payload) => onVerified(String(req.headers['webhook-id']), payload))
      .then(() => res.writeHead(204).end())
      .catch(() => res.writeHead(400).end()); // forged, altered or stale: Caravan retries, then gives up
  }).listen(port, '127.0.0.1');

  await caravan.events.send({ eventType: 'invoice.paid', payload: { invoiceId: 'in_1', amount: 12500 } });
  // tour:end
  return { caravan, receiver };
}
