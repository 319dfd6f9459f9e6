import type { HandlerMap } from './Handler.js';
import { bulkRetryDeliveries } from './deliveries/bulkRetryDeliveries.js';
import { getDelivery } from './deliveries/getDelivery.js';
import { listDeliveries } from './deliveries/listDeliveries.js';
import { listDeliveryAttempts } from './deliveries/listDeliveryAttempts.js';
import { retryDelivery } from './deliveries/retryDelivery.js';
import { getJob } from './jobs/getJob.js';
import { createApiKey } from './apiKeys/createApiKey.js';
import { listApiKeys } from './apiKeys/listApiKeys.js';
import { revokeApiKey } from './apiKeys/revokeApiKey.js';
import { updateApiKey } from './apiKeys/updateApiKey.js';
import { getOwnTenant } from './tenant/getOwnTenant.js';
import { updateOwnTenant } from './tenant/updateOwnTenant.js';
import { createTenant } from './tenants/createTenant.js';
import { deleteTenant } from './tenants/deleteTenant.js';
import { getTenant } from './tenants/getTenant.js';
import { listTenants } from './tenants/listTenants.js';
import { updateTenant } from './tenants/updateTenant.js';

/** Every operation's handler, by operationId. */
export const handlers: HandlerMap = {
  listDeliveries,
  getDelivery,
  listDeliveryAttempts,
  retryDelivery,
  bulkRetryDeliveries,
  getJob,
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
  updateOwnTenant,
};
