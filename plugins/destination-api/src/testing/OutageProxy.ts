import { createServer, connect, type Server, type Socket } from 'node:net';
import type { HostPort } from './DestinationConformanceOptions.js';

/**
 * A TCP proxy on loopback in front of a broker, which the kit cuts (connections dropped, new ones
 * refused) and heals (listening again on the same port) to play a broker outage without touching
 * the broker itself.
 */
export class OutageProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private port = 0;

  private constructor(private readonly target: HostPort) {}

  /** Starts a proxy to `target` on a free loopback port. */
  static async start(target: HostPort): Promise<OutageProxy> {
    const proxy = new OutageProxy(target);
    await proxy.listen();
    return proxy;
  }

  /** Where clients connect. */
  get address(): HostPort {
    return { host: '127.0.0.1', port: this.port };
  }

  /** Drops every connection and refuses new ones until {@link heal}. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    // close() stops accepting at once; its callback would wait for connections still being torn down.
    server?.close();
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await new Promise((resolve) => setImmediate(resolve));
  }

  /** Accepts connections again, on the same port. */
  async heal(): Promise<void> {
    if (!this.server) await this.listen();
  }

  close(): Promise<void> {
    return this.cut();
  }

  private async listen(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }
}
