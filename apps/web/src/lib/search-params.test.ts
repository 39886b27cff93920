import { describe, expect, it } from 'vitest';
import { withParams } from './search-params.js';

describe('withParams', () => {
  it('sets and removes parameters and keeps the others', () => {
    const before = new URLSearchParams('tab=renewals&status=expired&q=a%20b');
    const after = withParams(before, { status: 'active', tab: undefined, expired: 'true', q: '' });
    expect(after.toString()).toBe('status=active&expired=true');
  });

  it('leaves the original untouched', () => {
    const before = new URLSearchParams('orgId=1');
    withParams(before, { orgId: undefined });
    expect(before.get('orgId')).toBe('1');
  });

  it('encodes values for the address', () => {
    expect(withParams(new URLSearchParams(), { q: '國立 大學&1' }).toString()).toBe(
      'q=%E5%9C%8B%E7%AB%8B+%E5%A4%A7%E5%AD%B8%261',
    );
  });
});
