export { migrationsDir, repoRoot, serviceSetting, servicesDir, servicesEnv } from './services.js';
export { createScratchMysqlDatabase, mysqlSettings } from './mysql.js';
export { expectedTables, migrateUpDownUp, roundTripEvent } from './migrationSuite.js';
export { insertAttemptRow, insertDeliveryRow, insertEndpointRow } from './fixtures.js';
export { startConnectProxy, type ConnectProxy } from './connectProxy.js';
export { waitFor } from './waitFor.js';
export { installScratchPlugin, type ScratchPlugin } from './scratchPlugin.js';
export { declaredPluginIds, declaredPlugins } from './declaredPlugins.js';
export { freePort } from './freePort.js';
