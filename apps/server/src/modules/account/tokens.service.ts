import type { z } from 'zod';
import type { ApiTokenCreatedSchema, ApiTokenCreateInput, ApiTokenListSchema } from '@custodian/shared';
import { AppError } from '../../errors.js';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { randomToken, sha256Hex } from '../../lib/crypto.js';
import { SECURITY_POLICY } from '../../lib/security-policy.js';
import { requireActor } from '../../lib/tenancy.js';
import { recordAudit } from '../audit/audit.service.js';
import { API_TOKEN_PREFIX } from '../auth/session.service.js';
import { presentApiToken } from './account.presenter.js';
import { insertApiToken, listApiTokensOfUser, revokeApiTokenOfUser } from './account.repository.js';

/** Characters of the secret kept in clear, so a user can tell tokens apart. */
const VISIBLE_PREFIX_LENGTH = API_TOKEN_PREFIX.length + 8;

/** The user's own tokens that have not been revoked. */
export async function listTokens(deps: AppDeps, ctx: RequestContext): Promise<z.infer<typeof ApiTokenListSchema>> {
  const actor = requireActor(ctx.actor);
  const rows = await listApiTokensOfUser(deps.db, actor.userId);
  return { items: rows.map(presentApiToken) };
}

/**
 * Creates a personal API token (`cus_…`). Only its SHA-256 and first characters are kept:
 * the secret is returned this once.
 */
export async function createToken(
  deps: AppDeps,
  ctx: RequestContext,
  input: ApiTokenCreateInput,
): Promise<z.infer<typeof ApiTokenCreatedSchema>> {
  const actor = requireActor(ctx.actor);
  if (input.expiresInDays > SECURITY_POLICY.apiTokens.maxDays) {
    throw new AppError('VALIDATION_FAILED', { field: 'expiresInDays' });
  }
  const secret = `${API_TOKEN_PREFIX}${randomToken(32)}`;
  const scopes = [...new Set(input.scopes)].sort();
  const expiresAt = new Date(ctx.now.getTime() + input.expiresInDays * 86_400_000);
  const row = await deps.db.transaction(async (tx) => {
    const created = await insertApiToken(tx, {
      userId: actor.userId,
      name: input.name,
      tokenHash: sha256Hex(secret),
      prefix: secret.slice(0, VISIBLE_PREFIX_LENGTH),
      scopes,
      expiresAt,
    });
    await recordAudit(tx, deps, ctx, {
      action: 'account.token_create',
      orgId: actor.orgId,
      targetType: 'api_token',
      targetId: created.id,
      summary: { name: created.name, prefix: created.prefix, scopes, expiresAt: expiresAt.toISOString() },
    });
    return created;
  });
  return { token: presentApiToken(row), secret };
}

/** Revokes one of the user's own tokens; other users' tokens are reported as missing. */
export async function revokeToken(deps: AppDeps, ctx: RequestContext, tokenId: string): Promise<void> {
  const actor = requireActor(ctx.actor);
  await deps.db.transaction(async (tx) => {
    const row = await revokeApiTokenOfUser(tx, { id: tokenId, userId: actor.userId, now: ctx.now });
    if (!row) {
      throw new AppError('NOT_FOUND');
    }
    await recordAudit(tx, deps, ctx, {
      action: 'account.token_revoke',
      orgId: actor.orgId,
      targetType: 'api_token',
      targetId: row.id,
      summary: { name: row.name, prefix: row.prefix },
    });
  });
}
