import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from '@caravan/testing';

/** The compiled CLI, as production runs it (`caravan` bin of @caravan/api). */
const cliEntry = join(repoRoot, 'api/dist/cli/caravan.js');
/** The Node flags the `caravan` command starts with (its shebang, and the root package's scripts). */
const CARAVAN_NODE_FLAGS = ['--max-semi-space-size=16', '--heap-growing-percent=50'];

let built = false;
/**
 * Brings every package's `dist/` up to date with its sources, once per test process: `tsc -b` only
 * rebuilds what changed, so after `npm run build` (which `npm test` runs first) this is a quick check.
 */
function ensureBuilt(): void {
  if (built) return;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  // As `npm run build`: the root project, and every plugin folder (a new plugin is listed nowhere).
  const plugins = readdirSync(join(repoRoot, 'plugins'))
    .map((folder) => join(repoRoot, 'plugins', folder, 'tsconfig.build.json'))
    .filter((project) => existsSync(project));
  execFileSync(process.execPath, [tsc, '-b', join(repoRoot, 'tsconfig.build.json'), ...plugins], {
    stdio: 'inherit',
  });
  built = true;
}

/** A `caravan` process started by a test, with everything it printed so far. */
export interface CaravanProcess {
  child: ChildProcess;
  output(): string;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Runs the compiled `caravan` CLI with the given arguments and extra environment. */
export function spawnCaravan(
  args: string[],
  env: Record<string, string> = {},
  cwd = repoRoot,
): CaravanProcess {
  ensureBuilt();
  const child = spawn(process.execPath, [...CARAVAN_NODE_FLAGS, cliEntry, ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return {
    child,
    output: () => output,
    async stop(signal = 'SIGINT') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Runs `caravan` to completion and returns its exit code and output. */
export async function runCaravan(args: string[], env: Record<string, string> = {}) {
  const proc = spawnCaravan(args, env);
  const [code] = (await once(proc.child, 'exit')) as [number | null];
  return { code, output: proc.output() };
}

/** Starts `caravan dev` (or another serving subcommand) and waits for the URL it prints. */
export async function startCaravanServer(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 60_000,
  /** For processes that serve no URL (a worker): the line that says it is running. */
  ready?: RegExp,
) {
  const proc = spawnCaravan(args, env);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (ready?.test(proc.output())) return { ...proc, url: '' };
    const match =
      /listening on (http:\/\/[^\s"]+)/.exec(proc.output()) ?? /"url":"(http:\/\/[^"]+)"/.exec(proc.output());
    if (match) return { ...proc, url: match[1]! };
    if (proc.child.exitCode !== null) throw new Error(`caravan exited early:\n${proc.output()}`);
    if (Date.now() > deadline) {
      await proc.stop('SIGKILL');
      throw new Error(`caravan did not start within ${timeoutMs} ms:\n${proc.output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
