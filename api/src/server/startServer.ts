import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';

/** A listening HTTP server and how to stop it. */
export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Listens on `host:port` (port 0 picks a free one) and resolves once the socket is bound. */
export async function startServer(app: Koa, host: string, port: number): Promise<RunningServer> {
  const server: Server = app.listen({ host, port });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
