import { createServer, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

/** A forward proxy a test runs: it tunnels `CONNECT host:port` and records what it was asked. */
export interface ConnectProxy {
  /** `http://user:password@127.0.0.1:<port>` */
  url: string;
  port: number;
  /** `host:port` of every CONNECT it accepted, in order. */
  tunnels: string[];
  /** Requests in absolute form (`GET http://…`), which it refuses: a proxy client should tunnel. */
  absoluteForm: string[];
  /** CONNECTs refused for missing or wrong credentials. */
  unauthorized: number;
  close(): Promise<void>;
}

/**
 * A real HTTP CONNECT proxy on 127.0.0.1. It demands `Proxy-Authorization: Basic` with `user`/`password`
 * and opens each tunnel from `localAddress` (127.0.0.2, 127.0.0.3, …), so a receiver sees which proxy a
 * request went through.
 */
export async function startConnectProxy(options: {
  localAddress: string;
  user?: string;
  password?: string;
}): Promise<ConnectProxy> {
  const user = options.user ?? 'caravan';
  const password = options.password ?? 'secret';
  const expected = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const tunnels: string[] = [];
  const absoluteForm: string[] = [];
  let unauthorized = 0;
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    absoluteForm.push(`${req.method ?? ''} ${req.url ?? ''}`);
    res.writeHead(501).end('this proxy only tunnels');
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    client.on('error', () => client.destroy());
    if (req.headers['proxy-authorization'] !== expected) {
      unauthorized++;
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const target = req.url ?? '';
    const colon = target.lastIndexOf(':');
    const host = target.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
    const port = Number(target.slice(colon + 1));
    const upstream = connect({ host, port, localAddress: options.localAddress });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => {
      if (!client.writableEnded) client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
      client.destroy();
    });
    upstream.on('connect', () => {
      tunnels.push(target);
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${user}:${password}@127.0.0.1:${port}`,
    port,
    tunnels,
    absoluteForm,
    get unauthorized() {
      return unauthorized;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
