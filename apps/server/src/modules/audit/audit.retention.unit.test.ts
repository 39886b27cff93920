import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as anchor from './audit.anchor.js';
import { writeAuditCheckpoint } from './audit.anchor.js';
import { CHECKPOINT_INTERVAL_MS, startAuditRetention } from './audit.retention.js';

vi.mock('./audit.anchor.js', async (importOriginal) => ({
  ...(await importOriginal<typeof anchor>()),
  writeAuditCheckpoint: vi.fn(async () => ({ status: 'unchanged' })),
}));

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

  it('checkpoints the chain head soon after start, then every five minutes, and logs a refusal', async () => {
    const write = vi.mocked(writeAuditCheckpoint);
    write.mockClear();
    const error = vi.fn();
    const deps = {
      db: { transaction: vi.fn(async () => ({ pruned: 0 })) },
      keys: {},
      config: { AUDIT_RETENTION_MONTHS: 6 },
      log: { info: vi.fn(), debug: vi.fn(), error },
    } as unknown as RetentionDeps;
    const retention = startAuditRetention(deps);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(write).toHaveBeenCalledTimes(1);
    expect(write).toHaveBeenLastCalledWith(deps, { reason: 'interval' });
    write.mockResolvedValueOnce({
      status: 'refused',
      failure: null,
      finding: {
        problem: 'events_missing',
        from: 88,
        to: 90,
        checkpoint: { seq: 90, at: '2026-03-01T10:00:00.000Z' } as never,
      },
    });
    await vi.advanceTimersByTimeAsync(CHECKPOINT_INTERVAL_MS);
    expect(write).toHaveBeenCalledTimes(2);
    expect(error).toHaveBeenCalledWith(
      expect.anything(),
      'audit events 88–90 missing after checkpoint at seq 90 (2026-03-01T10:00:00.000Z); no new checkpoint written',
    );
    retention.stop();
    await vi.advanceTimersByTimeAsync(10 * CHECKPOINT_INTERVAL_MS);
    expect(write).toHaveBeenCalledTimes(2);
  });
});
