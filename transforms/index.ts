// The built-in transforms, one per fix kind (manual has none: it means no automatic rewrite).
import type { FixKind } from '../src/vocabulary.js';
import type { TransformModule } from '../src/transform/api.js';
import * as remove from './remove.js';

export const TRANSFORMS: Partial<Record<FixKind, TransformModule>> = {
  remove,
};
