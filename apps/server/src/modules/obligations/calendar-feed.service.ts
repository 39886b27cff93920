import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import ical from 'ical-generator';
import {
  CALENDAR_FEED_TOKEN_PATTERN,
  taipeiToday,
  type CalendarFeedCreated,
  type CalendarFeedStatus,
} from '@custodian/shared';
import { calendarFeedTokens, userScopes, users } from '../../db/schema/index.js';
import type { Actor, AppDeps, RequestContext } from '../../lib/context.js';
import { requireActor, resolveOrgScope } from '../../lib/tenancy.js';
import { AppError } from '../../errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { addDays } from './obligations.dates.js';
import { queryInstances } from './obligations.service.js';

/*
 * The personal iCalendar feed (issue 13 §5): a secret token in the URL, stored as its
 * SHA-256 hash (a token is 32 random bytes, so a plain hash suffices), one per user,
 * replaced on rotation and removed on revocation. The feed holds the user's open
 * obligations as all-day events on their due days, built with ical-generator.
 */

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function feedStatus(deps: AppDeps, ctx: RequestContext): Promise<CalendarFeedStatus> {
  const actor = requireActor(ctx.actor);
  const [row] = await deps.db.select().from(calendarFeedTokens).where(eq(calendarFeedTokens.userId, actor.userId));
  return {
    active: row !== undefined,
    createdAt: row?.createdAt.toISOString() ?? null,
    lastUsedAt: row?.lastUsedAt?.toISOString() ?? null,
  };
}

export async function createFeed(deps: AppDeps, ctx: RequestContext): Promise<CalendarFeedCreated> {
  const actor = requireActor(ctx.actor);
  const token = `ocf_${randomBytes(32).toString('base64url')}`;
  await deps.db.transaction(async (tx) => {
    await tx.delete(calendarFeedTokens).where(eq(calendarFeedTokens.userId, actor.userId));
    await tx
      .insert(calendarFeedTokens)
      .values({ userId: actor.userId, tokenHash: hashToken(token), createdAt: ctx.now });
    await recordAudit(tx, deps, ctx, {
      action: 'calendar_feed.create',
      orgId: actor.orgId,
      targetType: 'user',
      targetId: actor.userId,
      summary: {},
    });
  });
  const base = deps.config.PUBLIC_URL.replace(/\/$/, '');
  return { url: `${base}/api/v1/calendar/${token}.ics`, createdAt: ctx.now.toISOString() };
}

export async function revokeFeed(deps: AppDeps, ctx: RequestContext): Promise<void> {
  const actor = requireActor(ctx.actor);
  await deps.db.transaction(async (tx) => {
    const removed = await tx
      .delete(calendarFeedTokens)
      .where(eq(calendarFeedTokens.userId, actor.userId))
      .returning({ userId: calendarFeedTokens.userId });
    if (removed.length > 0) {
      await recordAudit(tx, deps, ctx, {
        action: 'calendar_feed.revoke',
        orgId: actor.orgId,
        targetType: 'user',
        targetId: actor.userId,
        summary: {},
      });
    }
  });
}

/** The feed of a token: a malformed, unknown or revoked token, or a disabled account, is refused alike. */
export async function renderFeed(deps: AppDeps, now: Date, file: string): Promise<string> {
  const token = file.endsWith('.ics') ? file.slice(0, -'.ics'.length) : '';
  if (!CALENDAR_FEED_TOKEN_PATTERN.test(token)) {
    throw new AppError('CALENDAR_FEED_TOKEN_INVALID');
  }
  const [row] = await deps.db
    .select({ user: users, tokenUser: calendarFeedTokens.userId })
    .from(calendarFeedTokens)
    .innerJoin(users, eq(users.id, calendarFeedTokens.userId))
    .where(eq(calendarFeedTokens.tokenHash, hashToken(token)));
  if (!row || !row.user.isActive) {
    throw new AppError('CALENDAR_FEED_TOKEN_INVALID');
  }
  const scopes = await deps.db
    .select({ orgId: userScopes.orgId })
    .from(userScopes)
    .where(eq(userScopes.userId, row.user.id));
  const actor: Actor = {
    userId: row.user.id,
    email: row.user.email,
    name: row.user.name,
    role: row.user.role,
    orgId: row.user.orgId,
    scopeOrgIds: scopes.map((s) => s.orgId),
    via: 'token',
  };
  const today = taipeiToday(now);
  const rows = await queryInstances(deps.db, await resolveOrgScope(deps.db, actor), { state: 'open' }, today, {
    limit: 2000,
    offset: 0,
  });
  await deps.db.update(calendarFeedTokens).set({ lastUsedAt: now }).where(eq(calendarFeedTokens.userId, row.user.id));
  const base = deps.config.PUBLIC_URL.replace(/\/$/, '');
  const calendar = ical({ name: 'Custodian 資安義務', prodId: { company: 'Custodian', product: 'obligations' } });
  for (const r of rows) {
    calendar.createEvent({
      id: `${r.id}@custodian`,
      start: new Date(`${r.dueOn}T00:00:00Z`),
      end: new Date(`${addDays(r.dueOn, 1)}T00:00:00Z`),
      allDay: true,
      summary: `【第${r.item}點】${r.titleText}`,
      description: `${r.orgName}｜${r.subjectName}`,
      url: `${base}${r.link}`,
      stamp: now,
    });
  }
  return calendar.toString();
}
