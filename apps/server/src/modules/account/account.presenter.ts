import type { z } from 'zod';
import type { ApiTokenSchema, SessionSummarySchema } from '@custodian/shared';
import type { ApiTokenRow } from './account.repository.js';

type SessionSummary = z.infer<typeof SessionSummarySchema>;
type ApiToken = z.infer<typeof ApiTokenSchema>;

type SessionRow = {
  id: string;
  method: 'password' | 'oidc';
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
};

/** A session as listed on the account page; `current` marks the one making the request. */
export function presentSession(row: SessionRow, currentSessionId: string | undefined): SessionSummary {
  return {
    id: row.id,
    current: row.id === currentSessionId,
    method: row.method,
    ip: row.ip,
    userAgent: row.userAgent,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}

/** A personal API token without its hash. */
export function presentApiToken(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes.filter((s): s is 'read' | 'write' => s === 'read' || s === 'write'),
    expiresAt: row.expiresAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
