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
