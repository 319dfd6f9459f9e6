import type { DispatchBudget } from './DispatchBudget.js';

/**
 * Where a delivery just taken into the budget goes: queued; spilled itself; or queued while the given
 * tenant's queued records worth `bytes` are spilled to make room.
 */
export type SpillDecision =
  { kind: 'queue' } | { kind: 'spill-this' } | { kind: 'spill-from'; tenantId: string; bytes: number };

/**
 * The spill rule, once the delivery's bytes are in `budget`: nothing is spilled while the budget holds
 * everything, while no other tenant waits (a tenant alone is never spilled), for a record read back
 * from overflow (never spilled twice), or when the dispatcher cannot spill. Otherwise the heaviest
 * tenant's surplus goes: this record if its tenant is the heaviest, else that tenant's queued records.
 */
export function spillDecision(
  budget: DispatchBudget,
  delivery: { tenantId: string; fromOverflow: boolean },
  canSpill: boolean,
): SpillDecision {
  const over = budget.used - budget.budgetBytes;
  if (!canSpill || delivery.fromOverflow || over <= 0 || !budget.othersWaiting(delivery.tenantId)) {
    return { kind: 'queue' };
  }
  const heaviest = budget.heaviest();
  if (heaviest === undefined || heaviest === delivery.tenantId) return { kind: 'spill-this' };
  return { kind: 'spill-from', tenantId: heaviest, bytes: over };
}
