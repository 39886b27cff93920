import type { Executor } from './types.js';
import { ensureInitialPolicy } from '../lib/policy.js';

/** Rows every database needs, written after migrations: the first policy version (ADR 0008). */
export async function ensureReferenceData(db: Executor): Promise<void> {
  await ensureInitialPolicy(db);
}
