import { BEHAVIOUR_DIVERGENCES } from './behaviour.js';
import type { Divergence } from './helpers.js';
import { SHAPE_DIVERGENCES } from './shape.js';

export type { Divergence } from './helpers.js';

/** The catalogue of divergences the proxy must report, each on the right exchange and field. */
export const CATALOGUE: readonly Divergence[] = [...SHAPE_DIVERGENCES, ...BEHAVIOUR_DIVERGENCES];
