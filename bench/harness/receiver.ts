import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('./receiverMain.ts', import.meta.url));

export interface ReceiverTagStats {
  answered: number;
  refused: number;
  unique: number;
  latencies: number[];
  arrivals: Record<string, number>;
}

/** Controls the receiver process (`receiverMain.ts`) over its `/__…` routes. */
export interface ReceiverClient {
  /** `http://127.0.0.1:<port>`; webhooks go to any other path, e.g. `${origin}/ep/3`. */
  origin: string;
  pid: number;
  registerSecrets(byPath: Record<string, string>): Promise<void>;
  setBehaviour(behaviour: { failStatus?: number | null; delays?: Record<string, number> }): Promise<void>;
  stats(options?: { latencies?: boolean }): Promise<{
    tags: Record<string, ReceiverTagStats>;
    badSignatures: number;
  }>;
  tag(tag: string, options?: { latencies?: boolean }): Promise<ReceiverTagStats>;
  stop(): Promise<void>;
}

/** Starts the receiver in its own Node process and waits until it listens. */
export async function startReceiverProcess(): Promise<ReceiverClient> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', entry], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /receiver listening on (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`the receiver exited early (${code})`)));
  });
  const origin = `http://127.0.0.1:${port}`;
  const control = async (path: string, body: unknown) => {
    const res = await fetch(`${origin}${path}`, { method: 'POST', body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`receiver ${path} answered ${res.status}`);
    return res.json();
  };
  const client: ReceiverClient = {
    origin,
    pid: child.pid!,
    registerSecrets: async (byPath) => void (await control('/__secrets', byPath)),
    setBehaviour: async (b) => void (await control('/__behaviour', b)),
    stats: async (options = {}) =>
      (await control('/__stats', { latencies: options.latencies ?? true })) as Awaited<
        ReturnType<ReceiverClient['stats']>
      >,
    async tag(tag, options) {
      const all = await client.stats(options);
      return all.tags[tag] ?? { answered: 0, refused: 0, unique: 0, latencies: [], arrivals: {} };
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
  return client;
}
