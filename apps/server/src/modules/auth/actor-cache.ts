/**
 * A short-lived, in-process cache of what a credential resolves to (issue 12): the session
 * or API token row, its user and the user's supervised organisations, keyed by the
 * credential's hash. Without it every request spent three or four queries on who is
 * asking before the one that answers it.
 *
 * Invalidation is the database's: triggers raise the `auth` change counter whenever a
 * session or token is revoked, a user is deactivated or changes role, organisation, or MFA,
 * scopes change, or the organisation tree changes (migration 0007). Each request reads that
 * counter (one indexed row) and uses an entry only if it was filled under the same value,
 * so a revocation is seen on the very next request, whichever process or SQL made it.
 * Entries also expire after `TTL_MS` of request time, and the time-based checks (expiry,
 * idle timeout) are re-applied on every use.
 */

/** How long an entry is used at most, measured on the request clock. */
export const ACTOR_CACHE_TTL_MS = 30_000;
/** Entries kept at most; the oldest are dropped first. */
const MAX_ENTRIES = 5_000;

export type CachedEntry<T> = { value: T; counter: number; cachedAt: number };

export class ActorCache<T> {
  private readonly entries = new Map<string, CachedEntry<T>>();

  /** The entry for `key` if it was filled under `counter` and is younger than the TTL at `now`. */
  get(key: string, counter: number, now: Date): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      return undefined;
    }
    const age = now.getTime() - entry.cachedAt;
    if (entry.counter !== counter || age < 0 || age >= ACTOR_CACHE_TTL_MS) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: T, counter: number, now: Date): void {
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) {
        this.entries.delete(oldest.value);
      }
    }
    this.entries.set(key, { value, counter, cachedAt: now.getTime() });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
