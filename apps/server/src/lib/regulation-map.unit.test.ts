import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { REGULATION_MAP_FILE, regulationEntries, renderRegulationMap, topLevelItems } from './regulation-map.js';

describe('regulation map (docs/regulation-map.md)', () => {
  it('was generated from the rule catalogue as it is (run `npm run docs:regulation-map` after changing a rule)', async () => {
    const committed = await readFile(REGULATION_MAP_FILE, 'utf8');
    expect(await renderRegulationMap()).toBe(committed);
  }, 60_000);

  it('lists every item 一–四十三 and the three forms, each with its rules', () => {
    const entries = regulationEntries();
    expect(entries.size).toBe(46);
    expect(entries.get('十一')?.map((e) => e.what)).toEqual(
      expect.arrayContaining(['policy rule `allocations.maxYears`', 'obligation rule `allocations.expiry` (十一)']),
    );
    expect(entries.get('十二')?.filter((e) => e.what.startsWith('contract clause')).length).toBe(5);
  });

  it('reads sub-items and lists of items as their top-level items', () => {
    expect(topLevelItems('十二(一)')).toEqual(['十二']);
    expect(topLevelItems('四十三(一)3')).toEqual(['四十三']);
    expect(topLevelItems('七、九、十二')).toEqual(['七', '九', '十二']);
  });
});
