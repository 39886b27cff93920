import { boolean, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, idColumn, timestamptz, updatedAt } from './_columns.js';
import { organisations } from './organisations.js';

export const users = pgTable(
  'users',
  {
    id: idColumn(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', {
      enum: ['ministry_admin', 'ministry_owner', 'unit_admin', 'unit_member', 'auditor'],
    }).notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    passwordHash: text('password_hash'),
    isActive: boolean('is_active').notNull().default(true),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    lockedUntil: timestamptz('locked_until'),
    lastLoginAt: timestamptz('last_login_at'),
    /** TOTP secret, AES-256-GCM encrypted with the field key. */
    mfaSecretEnc: text('mfa_secret_enc'),
    mfaEnabledAt: timestamptz('mfa_enabled_at'),
    /** Secret being enrolled, until the first code confirms it. */
    mfaPendingSecretEnc: text('mfa_pending_secret_enc'),
    /** Last accepted TOTP time step, so a code cannot be replayed. */
    mfaLastStep: integer('mfa_last_step'),
    locale: text('locale', { enum: ['zh-TW', 'en'] })
      .notNull()
      .default('zh-TW'),
    dateFormat: text('date_format', { enum: ['roc', 'iso'] })
      .notNull()
      .default('roc'),
    oidcSubject: text('oidc_subject'),
    passwordChangedAt: timestamptz('password_changed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_email_idx').on(sql`lower(${t.email})`),
    uniqueIndex('users_oidc_subject_idx').on(t.oidcSubject),
    index('users_org_idx').on(t.orgId),
    index('users_role_idx').on(t.role),
    index('users_name_idx').on(t.name),
  ],
);

/** Organisations a ministry_owner supervises (item 十四) or an auditor is assigned to. */
export const userScopes = pgTable(
  'user_scopes',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.orgId] }), index('user_scopes_org_idx').on(t.orgId)],
);

/** The last password hashes of each user, to refuse reuse of the last 3. */
export const passwordHistory = pgTable(
  'password_history',
  {
    id: idColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    passwordHash: text('password_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('password_history_user_idx').on(t.userId, t.createdAt)],
);

/** One-time MFA recovery codes, stored as SHA-256 hashes. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: idColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamptz('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
);

/** One-time invitation links for setting the first password. */
export const invites = pgTable(
  'invites',
  {
    id: idColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestamptz('expires_at').notNull(),
    usedAt: timestamptz('used_at'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('invites_user_idx').on(t.userId)],
);
