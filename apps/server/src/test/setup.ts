import { afterAll, afterEach } from 'vitest';
import { assertNoQueryOverlap } from './pg-overlap.js';

// Server-tier setup (vitest.config.ts). On PostgreSQL, a test fails when its code sent a
// query on a client that was still executing another (pg-overlap.ts).
afterEach(assertNoQueryOverlap);
// beforeAll hooks (fixtures, the demo seed) run outside any test: checked once more at the end.
afterAll(assertNoQueryOverlap);
