import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PluginKindName, PluginModule } from './PluginRegistry.js';
import type { VerifyRequest } from './verifyPluginsThread.js';

/**
 * Loads and checks every plugin module of one kind in a worker thread and resolves with the first
 * problem's message (`undefined` when all load). A process can then refuse to start with a plugin that
 * cannot load without keeping every broker SDK in its own memory until a plugin is first used.
 */
export async function verifyPluginsApart(
  kind: PluginKindName,
  modules: readonly PluginModule[],
): Promise<string | undefined> {
  if (modules.length === 0) return undefined;
  // The thread's file beside this one, compiled (.js) or run from source (.ts).
  const thread = new URL(`./verifyPluginsThread${extname(fileURLToPath(import.meta.url))}`, import.meta.url);
  const request: VerifyRequest = { kind, modules: modules.map((m) => ({ ...m })) };
  const worker = new Worker(thread, { workerData: request });
  try {
    return await new Promise<string | undefined>((resolve, reject) => {
      worker.once('message', (answer: { ok: boolean; message?: string }) =>
        resolve(answer.ok ? undefined : (answer.message ?? 'failed')),
      );
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the plugin check ended with code ${code}`)));
    });
  } finally {
    await worker.terminate();
  }
}
