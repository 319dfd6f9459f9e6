import type { DeepReadonly } from './CaravanConfig.js';

/** Freezes `value` and everything reachable from it, in place, and answers it as read-only. */
export function deepFreeze<T>(value: T): DeepReadonly<T> {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value as DeepReadonly<T>;
}
