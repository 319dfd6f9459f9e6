export {
  TenantService,
  type Principal,
  type TenantServiceDeps,
  type CreateTenantInput,
  type UpdateTenantInput,
  type UpdateOwnTenantInput,
} from './TenantService.js';
export {
  IdempotencyService,
  type IdempotencyDecision,
  type IdempotencyRequest,
} from './IdempotencyService.js';
export { DeliveryService, type BulkRetryInput } from './DeliveryService.js';
