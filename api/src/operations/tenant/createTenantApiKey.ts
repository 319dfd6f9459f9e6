import type { Handler } from '../Handler.js';
import { issueApiKey } from '../apiKeys/issueApiKey.js';

export const createTenantApiKey: Handler<'createTenantApiKey'> = ({ tenantId, body }, { tenants }) =>
  issueApiKey(tenants, tenantId, body);
