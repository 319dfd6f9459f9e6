import type { Handler } from '../Handler.js';
import { issueApiKey } from './issueApiKey.js';

export const createApiKey: Handler<'createApiKey'> = ({ params, body }, { tenants }) =>
  issueApiKey(tenants, params.tenantId, body);
