import { MINISTRY_ROLES, type Role } from '@custodian/shared';
import type { AppDeps, Actor, RequestContext, TokenScope } from '../../lib/context.js';
import { hmacHex, randomToken, safeEqual, sha256Hex } from '../../lib/crypto.js';
import { AppError } from '../../errors.js';
import type { Executor } from '../../db/client.js';
import {
  findLiveApiTokenByHash,
  findLiveSessionByTokenHash,
  findScopeOrgIds,
  findSessionById,
  insertSession,
  listLiveSessionsOfUser,
  readAuthCounter,
  revokeApiTokensOfUser,
  revokeSessionById,
  revokeSessionOfUser,
  revokeSessionsOfUser,
  rotateSessionRow,
  setSessionStage,
  touchApiToken,
  touchSession,
} from './session.repository.js';
import { ActorCache } from './actor-cache.js';
import { memoizeScopes } from '../../lib/tenancy.js';
import type { Database } from '../../db/client.js';

export const SESSION_COOKIE = 'custodian_session';
export const API_TOKEN_PREFIX = 'cus_';
/** Only write last_seen_at when it is older than this, to spare the database. */
const TOUCH_INTERVAL_MS = 60_000;

export type SessionStage = 'mfa_pending' | 'mfa_enrolment' | 'active';

type UserRow = { id: string; email: string; name: string; role: Actor['role']; orgId: string; isActive: boolean };

async function toActor(deps: AppDeps, user: UserRow, extra: Partial<Actor>): Promise<Actor> {
  const actor: Actor = {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    orgId: user.orgId,
    scopeOrgIds: await findScopeOrgIds(deps.db, user.id),
    via: 'session',
    ...extra,
  };
  // The actor is cached with its credential; its tenancy scopes are computed once with it.
  memoizeScopes(actor);
  return actor;
}

type SessionLookup = NonNullable<Awaited<ReturnType<typeof findLiveSessionByTokenHash>>>;
type TokenLookup = NonNullable<Awaited<ReturnType<typeof findLiveApiTokenByHash>>>;
/** What a credential resolved to: the rows (re-checked against the clock on every use) and the actor. */
type Resolved<R> = { row: R; actor: Actor };
type Caches = { sessions: ActorCache<Resolved<SessionLookup>>; tokens: ActorCache<Resolved<TokenLookup>> };

/** One cache pair per database (a test process may hold several). */
const cachesByDb = new WeakMap<Database, Caches>();

function cachesOf(deps: AppDeps): Caches {
  let caches = cachesByDb.get(deps.db);
  if (!caches) {
    caches = { sessions: new ActorCache(), tokens: new ActorCache() };
    cachesByDb.set(deps.db, caches);
  }
  return caches;
}

/**
 * Creates a session row at `now` and returns the cookie token (shown once, stored hashed).
 * Pass `executor` to create it inside the caller's transaction.
 */
export async function createSession(
  deps: Pick<AppDeps, 'db' | 'config'>,
  input: {
    userId: string;
    stage: SessionStage;
    method?: 'password' | 'oidc';
    ip: string | null;
    userAgent: string | null;
    now: Date;
    executor?: Executor;
  },
): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
  const token = randomToken(32);
  const { now } = input;
  const expiresAt = new Date(now.getTime() + deps.config.SESSION_ABSOLUTE_HOURS * 3_600_000);
  const row = await insertSession(input.executor ?? deps.db, {
    tokenHash: sha256Hex(token),
    userId: input.userId,
    stage: input.stage,
    method: input.method ?? 'password',
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 512) ?? null,
    expiresAt,
    lastSeenAt: now,
  });
  if (!row) {
    throw new AppError('INTERNAL');
  }
  return { token, sessionId: row.id, expiresAt };
}

/**
 * Moves a session to a new stage under a new token (the id, and so the CSRF token, stay).
 * Rotating on every privilege change defeats session fixation.
 */
export async function rotateSession(
  executor: Executor,
  input: { sessionId: string; stage: SessionStage; now: Date },
): Promise<{ token: string }> {
  const token = randomToken(32);
  await rotateSessionRow(executor, {
    id: input.sessionId,
    tokenHash: sha256Hex(token),
    stage: input.stage,
    now: input.now,
  });
  return { token };
}

/** A session by id (revoked or not), for building SessionInfo. */
export async function findSession(executor: Executor, sessionId: string) {
  return findSessionById(executor, sessionId);
}

/** Revokes one session of a user; false when it is not theirs or already revoked. */
export async function revokeSession(
  executor: Executor,
  input: { sessionId: string; userId: string; now: Date },
): Promise<boolean> {
  return revokeSessionOfUser(executor, { id: input.sessionId, userId: input.userId, now: input.now });
}

/** Revokes every session of a user except `exceptSessionId`; returns how many. */
export async function revokeUserSessions(
  executor: Executor,
  input: { userId: string; exceptSessionId?: string | null; now: Date },
): Promise<number> {
  return revokeSessionsOfUser(executor, { userId: input.userId, exceptId: input.exceptSessionId, now: input.now });
}

/** Revokes every live personal API token of a user; returns how many. */
export async function revokeUserApiTokens(executor: Executor, userId: string, now: Date): Promise<number> {
  return revokeApiTokensOfUser(executor, { userId, now });
}

/**
 * Revokes all live sessions and API tokens of a user, e.g. when their role changes, so
 * nothing issued under the old role (or before MFA applied to it) outlives the change.
 */
export async function revokeUserCredentials(
  tx: Executor,
  userId: string,
  now: Date,
): Promise<{ sessions: number; apiTokens: number }> {
  const sessions = await revokeSessionsOfUser(tx, { userId, now });
  const apiTokens = await revokeApiTokensOfUser(tx, { userId, now });
  return { sessions, apiTokens };
}

/** A user's live sessions at `now` (not revoked, expired or idle), newest activity first. */
export async function listUserSessions(deps: Pick<AppDeps, 'db' | 'config'>, userId: string, now: Date) {
  const idleSince = new Date(now.getTime() - deps.config.SESSION_IDLE_MINUTES * 60_000);
  return listLiveSessionsOfUser(deps.db, { userId, now, idleSince });
}

export type ResolvedSession = { actor: Actor; stage: SessionStage; sessionId: string };

/**
 * Resolves a session cookie at `now` (the request's instant). Applies the idle timeout (and revokes idle sessions);
 * returns null for unknown tokens and throws SESSION_EXPIRED for timed-out ones. An active
 * session of a user whose role requires MFA but who has none enrolled (e.g. after a role
 * change) is sent back to enrolment, and stays there.
 */
export async function resolveSession(deps: AppDeps, token: string, now: Date): Promise<ResolvedSession | null> {
  const hash = sha256Hex(token);
  const cache = cachesOf(deps).sessions;
  // Read before the lookup: a change made in between raises it again, and the entry is not reused.
  const counter = await readAuthCounter(deps.db);
  let cached = cache.get(hash, counter, now);
  if (cached && (cached.row.session.revokedAt !== null || cached.row.session.expiresAt <= now)) {
    cached = undefined;
  }
  const row = cached?.row ?? (await findLiveSessionByTokenHash(deps.db, hash, now));
  if (!row) {
    cache.delete(hash);
    return null;
  }
  const idleMs = deps.config.SESSION_IDLE_MINUTES * 60_000;
  if (now.getTime() - row.session.lastSeenAt.getTime() > idleMs) {
    await revokeSessionById(deps.db, row.session.id, now);
    throw new AppError('SESSION_EXPIRED');
  }
  if (!row.user.isActive) {
    cache.delete(hash);
    await revokeSessionById(deps.db, row.session.id, now);
    return null;
  }
  if (now.getTime() - row.session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await touchSession(deps.db, row.session.id, now);
    row.session.lastSeenAt = now;
  }
  let stage: SessionStage = row.session.stage;
  if (stage === 'active' && lacksRequiredMfa(deps.config, row.user)) {
    stage = 'mfa_enrolment';
    await setSessionStage(deps.db, { id: row.session.id, stage });
    // The stage change raised the counter; this entry would not be reused anyway.
    cache.delete(hash);
    const actor = await toActor(deps, row.user, { via: 'session', sessionId: row.session.id });
    return { actor, stage, sessionId: row.session.id };
  }
  const actor = cached?.actor ?? (await toActor(deps, row.user, { via: 'session', sessionId: row.session.id }));
  if (!cached) {
    cache.set(hash, { row, actor }, counter, now);
  }
  return { actor, stage, sessionId: row.session.id };
}

/**
 * Resolves a `Bearer cus_…` personal API token at `now` (the request's instant). Tokens of users whose role requires MFA but
 * who have none enrolled are refused: a token must not be a way around the second factor.
 */
export async function resolveApiToken(deps: AppDeps, token: string, now: Date): Promise<Actor | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) {
    return null;
  }
  const hash = sha256Hex(token);
  const cache = cachesOf(deps).tokens;
  // Read before the lookup: a change made in between raises it again, and the entry is not reused.
  const counter = await readAuthCounter(deps.db);
  let cached = cache.get(hash, counter, now);
  if (cached && (cached.row.token.revokedAt !== null || cached.row.token.expiresAt <= now)) {
    cached = undefined;
  }
  const row = cached?.row ?? (await findLiveApiTokenByHash(deps.db, hash, now));
  if (!row || !row.user.isActive || lacksRequiredMfa(deps.config, row.user)) {
    cache.delete(hash);
    return null;
  }
  if (!row.token.lastUsedAt || now.getTime() - row.token.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await touchApiToken(deps.db, row.token.id, now);
    row.token.lastUsedAt = now;
  }
  if (cached) {
    return cached.actor;
  }
  const actor = await toActor(deps, row.user, { via: 'token', tokenScopes: row.token.scopes as TokenScope[] });
  cache.set(hash, { row, actor }, counter, now);
  return actor;
}

/** CSRF token bound to a session: HMAC of its id, so nothing extra is stored. */
export function csrfTokenFor(deps: Pick<AppDeps, 'keys'>, sessionId: string): string {
  return hmacHex(deps.keys.csrfKey, sessionId);
}

/** Whether a presented X-CSRF-Token belongs to the session (constant-time). */
export function isValidCsrfToken(
  deps: Pick<AppDeps, 'keys'>,
  sessionId: string,
  presented: string | undefined,
): boolean {
  return typeof presented === 'string' && safeEqual(csrfTokenFor(deps, sessionId), presented);
}

/**
 * The request context with `user` as actor, for sign-in events: the request itself is
 * still anonymous, but the audit trail should name the account that signed in.
 */
export function contextAsUser(ctx: RequestContext, user: UserRow, sessionId?: string): RequestContext {
  return {
    ...ctx,
    actor: {
      userId: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      orgId: user.orgId,
      scopeOrgIds: [],
      via: 'session',
      ...(sessionId ? { sessionId } : {}),
    },
  };
}

/**
 * The stage a new session starts in: TOTP next if enrolled, enrolment first if the role
 * requires MFA (Ministry roles, by default), otherwise signed in.
 */
export function initialStage(
  config: Pick<AppDeps['config'], 'MFA_REQUIRED_FOR_MINISTRY'>,
  user: { role: Role; mfaEnabledAt: Date | null },
): SessionStage {
  if (user.mfaEnabledAt) {
    return 'mfa_pending';
  }
  return requiresMfa(config, user.role) ? 'mfa_enrolment' : 'active';
}

/** Whether a user's role requires MFA that they have not enrolled. */
function lacksRequiredMfa(
  config: Pick<AppDeps['config'], 'MFA_REQUIRED_FOR_MINISTRY'>,
  user: { role: Role; mfaEnabledAt: Date | null },
): boolean {
  return user.mfaEnabledAt === null && requiresMfa(config, user.role);
}

/** Whether a role must use MFA under the current configuration. */
export function requiresMfa(config: Pick<AppDeps['config'], 'MFA_REQUIRED_FOR_MINISTRY'>, role: Role): boolean {
  return config.MFA_REQUIRED_FOR_MINISTRY && MINISTRY_ROLES.includes(role);
}
