/**
 * Writes docs/regulation-map.md, the regulation's items and where Custodian implements them,
 * from the rule catalogue (apps/server/src/lib/regulation-map.ts): `npm run docs:regulation-map`.
 * A unit test fails while the committed file differs from what this writes.
 */
import { writeFile } from 'node:fs/promises';
import { REGULATION_MAP_FILE, renderRegulationMap } from '../apps/server/src/lib/regulation-map.js';

await writeFile(REGULATION_MAP_FILE, await renderRegulationMap());
process.stdout.write(`wrote ${REGULATION_MAP_FILE}\n`);
