import { epoch, iso, type Handler } from '../Handler.js';

export const getTenantStats: Handler<'getTenantStats'> = async ({ tenantId, query }, { stats }) => {
  const series = await stats.series(tenantId, {
    since: query.since === undefined ? undefined : epoch(query.since),
    until: query.until === undefined ? undefined : epoch(query.until),
    // The contract checked it; the query string still carries it as text.
    bucketSeconds: query.bucketSeconds === undefined ? undefined : Number(query.bucketSeconds),
  });
  return {
    status: 200,
    body: {
      since: iso(series.since),
      until: iso(series.until),
      bucketSeconds: series.bucketSeconds,
      data: series.data.map((b) => ({
        at: iso(b.at),
        events: b.events,
        attemptsSucceeded: b.attemptsSucceeded,
        attemptsFailed: b.attemptsFailed,
      })),
    },
  };
};
