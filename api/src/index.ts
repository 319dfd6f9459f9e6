// The programmatic surface of @caravan/api: the Koa application over composed services, and the
// server that listens for it. The `caravan` CLI (bin) is the usual way to run Caravan.
export { createApp, type AppDeps } from './server/createApp.js';
export { startServer, type RunningServer } from './server/startServer.js';
export { contractPath, loadContract } from './server/loadContract.js';
