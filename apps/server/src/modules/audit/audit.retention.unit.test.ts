import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startAuditRetention } from './audit.retention.js';

type RetentionDeps = Parameters<typeof startAuditRetention>[0];

describe('retention timer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('prunes a minute after start, then daily, and stops on close', async () => {
    const transaction = vi.fn(async () => ({ pruned: 3, cutoff: '2026-01-01T00:00:00.000Z', anchorSeq: 3 }));
    const info = vi.fn();
    const deps = {
      db: { transaction },
      keys: {},
      config: { AUDIT_RETENTION_MONTHS: 6 },
      log: { info, error: vi.fn() },
    } as unknown as RetentionDeps;
    const retention = startAuditRetention(deps);
    expect(transaction).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(transaction).toHaveBeenCalledTimes(1);
    expect(info).toHaveBeenCalledWith(expect.objectContaining({ pruned: 3 }), 'audit events pruned by retention');
    await vi.advanceTimersByTimeAsync(24 * 3_600_000);
    expect(transaction).toHaveBeenCalledTimes(2);
    retention.stop();
    await vi.advanceTimersByTimeAsync(3 * 24 * 3_600_000);
    expect(transaction).toHaveBeenCalledTimes(2);
  });

  it('logs a failed prune instead of crashing', async () => {
    const error = vi.fn();
    const deps = {
      db: { transaction: vi.fn(async () => Promise.reject(new Error('database is closed'))) },
      keys: {},
      config: { AUDIT_RETENTION_MONTHS: 6 },
      log: { info: vi.fn(), error },
    } as unknown as RetentionDeps;
    const retention = startAuditRetention(deps);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(error).toHaveBeenCalledWith({ err: 'database is closed' }, 'audit retention prune failed');
    retention.stop();
  });
});
