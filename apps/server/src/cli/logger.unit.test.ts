import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCliLogger } from './logger.js';

describe('command-line logger', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('masks national ID numbers in messages, format arguments and fields', () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const log = createCliLogger('warn', { person: 'A123456789' });
    log.warn({ err: 'no record for AB12345678', tried: ['a800000014'] }, 'import of %s failed', 'B912345678');
    log.error('lookup of A123456789 failed');
    log.info('below the level: A123456789');
    const output = written.join('');
    expect(written).toHaveLength(2);
    expect(output).toContain('[warn] import of [REDACTED] failed');
    expect(output).toContain('[error] lookup of [REDACTED] failed');
    for (const id of ['A123456789', 'AB12345678', 'a800000014', 'B912345678']) {
      expect(output).not.toContain(id);
    }
  });
});
