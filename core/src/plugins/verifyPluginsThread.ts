import { parentPort, workerData } from 'node:worker_threads';
import { PluginRegistry, type PluginKindName, type PluginModule } from './PluginRegistry.js';
import { destinationPluginKind, sourcePluginKind } from './pluginKinds.js';

/** What `verifyPluginsApart` hands this thread. */
export interface VerifyRequest {
  kind: PluginKindName;
  modules: PluginModule[];
}

// Loads and checks every plugin of one kind, as the host would, in a thread of its own: its heap (the
// brokers' SDKs) goes when the thread ends. Answers the first problem's message, or nothing.
const { kind, modules } = workerData as VerifyRequest;
const registry = new PluginRegistry<never>(
  (kind === 'source' ? sourcePluginKind : destinationPluginKind) as never,
  modules,
);
registry.load().then(
  () => parentPort?.postMessage({ ok: true }),
  (error: unknown) =>
    parentPort?.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) }),
);
