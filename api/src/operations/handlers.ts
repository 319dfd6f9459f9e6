import type { HandlerMap } from './Handler.js';
import { listOperationalEvents } from './operationalEvents/listOperationalEvents.js';
import { bulkRetryDeliveries } from './deliveries/bulkRetryDeliveries.js';
import { getDelivery } from './deliveries/getDelivery.js';
import { listDeliveries } from './deliveries/listDeliveries.js';
import { listDeliveryAttempts } from './deliveries/listDeliveryAttempts.js';
import { retryDelivery } from './deliveries/retryDelivery.js';
import { getJob } from './jobs/getJob.js';
import { getEvent } from './events/getEvent.js';
import { listEvents } from './events/listEvents.js';
import { replayEvent } from './events/replayEvent.js';
import { sendEvent } from './events/sendEvent.js';
import { sendEventBatch } from './events/sendEventBatch.js';
import { createApiKey } from './apiKeys/createApiKey.js';
import { listApiKeys } from './apiKeys/listApiKeys.js';
import { revokeApiKey } from './apiKeys/revokeApiKey.js';
import { updateApiKey } from './apiKeys/updateApiKey.js';
import { createEgressPool } from './egressPools/createEgressPool.js';
import { deleteEgressPool } from './egressPools/deleteEgressPool.js';
import { getEgressPool } from './egressPools/getEgressPool.js';
import { listEgressPools } from './egressPools/listEgressPools.js';
import { updateEgressPool } from './egressPools/updateEgressPool.js';
import { createEndpoint } from './endpoints/createEndpoint.js';
import { deleteEndpoint } from './endpoints/deleteEndpoint.js';
import { getEndpoint } from './endpoints/getEndpoint.js';
import { getEndpointHealth } from './endpoints/getEndpointHealth.js';
import { listEndpoints } from './endpoints/listEndpoints.js';
import { listEndpointSecrets } from './endpoints/listEndpointSecrets.js';
import { pauseEndpoint } from './endpoints/pauseEndpoint.js';
import { recoverEndpoint } from './endpoints/recoverEndpoint.js';
import { createSource } from './sources/createSource.js';
import { listSources } from './sources/listSources.js';
import { getSource } from './sources/getSource.js';
import { updateSource } from './sources/updateSource.js';
import { deleteSource } from './sources/deleteSource.js';
import { pauseSource } from './sources/pauseSource.js';
import { resumeSource } from './sources/resumeSource.js';
import { listDeadLetters } from './sources/listDeadLetters.js';
import { replayDeadLetter } from './sources/replayDeadLetter.js';
import { listSourceTypes } from './sourceTypes/listSourceTypes.js';
import { getSourceType } from './sourceTypes/getSourceType.js';
import { getDestinationType } from './destinationTypes/getDestinationType.js';
import { listDestinationTypes } from './destinationTypes/listDestinationTypes.js';
import { resumeEndpoint } from './endpoints/resumeEndpoint.js';
import { rotateEndpointSecret } from './endpoints/rotateEndpointSecret.js';
import { updateEndpoint } from './endpoints/updateEndpoint.js';
import { createEventType } from './eventTypes/createEventType.js';
import { deleteEventType } from './eventTypes/deleteEventType.js';
import { getEventType } from './eventTypes/getEventType.js';
import { listEventTypes } from './eventTypes/listEventTypes.js';
import { updateEventType } from './eventTypes/updateEventType.js';
import { getOwnTenant } from './tenant/getOwnTenant.js';
import { getTenantStats } from './tenant/getTenantStats.js';
import { createPortalToken } from './tenant/createPortalToken.js';
import { createTenantApiKey } from './tenant/createTenantApiKey.js';
import { listTenantApiKeys } from './tenant/listTenantApiKeys.js';
import { revokeTenantApiKey } from './tenant/revokeTenantApiKey.js';
import { listTenantEgressPools } from './tenant/listTenantEgressPools.js';
import { updateOwnTenant } from './tenant/updateOwnTenant.js';
import { createTenant } from './tenants/createTenant.js';
import { deleteTenant } from './tenants/deleteTenant.js';
import { getTenant } from './tenants/getTenant.js';
import { listTenants } from './tenants/listTenants.js';
import { updateTenant } from './tenants/updateTenant.js';

/** Every operation's handler, by operationId. */
export const handlers: HandlerMap = {
  listOperationalEvents,
  listDeliveries,
  getDelivery,
  listDeliveryAttempts,
  retryDelivery,
  bulkRetryDeliveries,
  getJob,
  sendEvent,
  sendEventBatch,
  listEvents,
  getEvent,
  replayEvent,
  createTenant,
  listTenants,
  getTenant,
  updateTenant,
  deleteTenant,
  createApiKey,
  listApiKeys,
  updateApiKey,
  revokeApiKey,
  getOwnTenant,
  getTenantStats,
  createPortalToken,
  createTenantApiKey,
  listTenantApiKeys,
  revokeTenantApiKey,
  updateOwnTenant,
  createEventType,
  listEventTypes,
  getEventType,
  updateEventType,
  deleteEventType,
  createEgressPool,
  listEgressPools,
  getEgressPool,
  updateEgressPool,
  deleteEgressPool,
  listTenantEgressPools,
  createEndpoint,
  listEndpoints,
  getEndpoint,
  updateEndpoint,
  deleteEndpoint,
  listEndpointSecrets,
  rotateEndpointSecret,
  pauseEndpoint,
  resumeEndpoint,
  getEndpointHealth,
  recoverEndpoint,
  createSource,
  listSources,
  getSource,
  updateSource,
  deleteSource,
  pauseSource,
  resumeSource,
  listDeadLetters,
  replayDeadLetter,
  listSourceTypes,
  getSourceType,
  listDestinationTypes,
  getDestinationType,
};
