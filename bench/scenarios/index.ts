import type { Scenario } from '../harness/types.js';
import { scenario as destinations } from './destinations.js';
import { scenario as fanout } from './fanout.js';
import { scenario as noisyNeighbour } from './noisyNeighbour.js';
import { scenario as rateLimits } from './rateLimits.js';
import { scenario as retryStorm } from './retryStorm.js';
import { scenario as scale } from './scale.js';
import { scenario as sources } from './sources.js';
import { scenario as throughput } from './throughput.js';

/** Every scenario `npm run bench -- <name>` knows. To add one: a module exporting `scenario`, listed here. */
export const scenarios: Scenario[] = [
  throughput,
  fanout,
  noisyNeighbour,
  retryStorm,
  rateLimits,
  sources,
  scale,
  destinations,
];
