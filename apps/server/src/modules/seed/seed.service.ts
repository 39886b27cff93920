import { pino } from 'pino';
import type { Role } from '@custodian/shared';
import { makeOrganisation, makeUser } from '../../db/factories.js';
import { AppError } from '../../errors.js';
import { systemClock } from '../../lib/clock.js';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { systemContext } from '../../lib/context.js';
import { randomToken } from '../../lib/crypto.js';
import { createMailer } from '../../lib/mailer.js';
import { isLongEnough } from '../../lib/passwords.js';
import { recordAudit } from '../audit/audit.service.js';
import { MODULES } from '../index.js';
import { DEMO_ORGS, DEMO_USERS } from './seed.data.js';
import { seedDemoRegistry, type DemoRegistrySummary, type SeededAccount } from './seed.registry.js';
import { hasAnyData } from './seed.repository.js';

export type DemoAccount = { email: string; name: string; role: Role; orgName: string; note: string };
export type DemoSeedResult = {
  password: string;
  organisations: number;
  accounts: DemoAccount[];
  registry: DemoRegistrySummary;
};

/**
 * What the seed needs: the database, keys and configuration. A mailer and logger are
 * optional; the seed sends no mail, and the services it calls log nothing.
 */
export type SeedDeps = Pick<AppDeps, 'db' | 'keys' | 'config' | 'driver'> &
  Partial<Pick<AppDeps, 'mailer' | 'log' | 'clock' | 'modules'>>;

/** A random demo password: 16 characters, printed once by `custodian seed --demo`. */
export function generateDemoPassword(): string {
  return `Demo-${randomToken(8)}`;
}

/**
 * Fills an empty database with the demo data set: organisations, accounts of every role
 * sharing one password (seed.data.ts), then a registry of contracts, systems, hosts,
 * contacts, allocations and vendor certificates (seed.registry-data.ts) written through
 * the modules' services, each with its audit event. Refuses with DATABASE_NOT_EMPTY when
 * any organisation or account exists, so it never mixes demo data into real data.
 * Everything is written in one transaction: the services run on it, their own
 * transactions becoming savepoints, so a failure anywhere leaves the database empty.
 */
export async function seedDemo(
  deps: SeedDeps,
  input: { password?: string; ctx?: RequestContext } = {},
): Promise<DemoSeedResult> {
  const clock = deps.clock ?? systemClock;
  const ctx = input.ctx ?? systemContext('seed', clock.now());
  const password = input.password ?? generateDemoPassword();
  if (!isLongEnough(password)) {
    throw new AppError('PASSWORD_TOO_SHORT');
  }
  return deps.db.transaction(async (tx) => {
    if (await hasAnyData(tx)) {
      throw new AppError('DATABASE_NOT_EMPTY');
    }
    const orgs = new Map<string, { id: string; name: string }>();
    for (const spec of DEMO_ORGS) {
      const parentCode = spec.parent ?? (spec.kind === 'ministry' ? undefined : 'MOE');
      const parentId = parentCode ? (orgs.get(parentCode)?.id ?? null) : null;
      const row = await makeOrganisation(tx, {
        kind: spec.kind,
        code: spec.code,
        name: spec.name,
        nameEn: spec.nameEn,
        parentId,
        unitType: spec.unitType ?? null,
      });
      orgs.set(spec.code, { id: row.id, name: row.name });
      await recordAudit(tx, deps, ctx, {
        action: 'organisation.create',
        orgId: row.id,
        targetType: 'organisation',
        targetId: row.id,
        summary: { after: { kind: row.kind, code: row.code, name: row.name, parentId } },
      });
    }
    const orgOf = (code: string) => {
      const org = orgs.get(code);
      if (!org) {
        throw new Error(`demo data refers to unknown organisation ${code}`);
      }
      return org;
    };
    const accounts: DemoAccount[] = [];
    const seeded = new Map<string, SeededAccount>();
    for (const spec of DEMO_USERS) {
      const org = orgOf(spec.org);
      const scopeOrgIds = (spec.scope ?? []).map((code) => orgOf(code).id);
      const row = await makeUser(tx, {
        orgId: org.id,
        role: spec.role,
        email: spec.email,
        name: spec.name,
        password,
        scopeOrgIds,
        now: ctx.now,
      });
      await recordAudit(tx, deps, ctx, {
        action: 'user.create',
        orgId: org.id,
        targetType: 'user',
        targetId: row.id,
        summary: { after: { email: row.email, name: row.name, role: row.role, orgId: org.id, scopeOrgIds } },
      });
      accounts.push({ email: row.email, name: row.name, role: row.role, orgName: org.name, note: spec.note });
      seeded.set(row.email, {
        id: row.id,
        email: row.email,
        name: row.name,
        role: row.role,
        orgId: org.id,
        scopeOrgIds,
      });
    }
    const accountOf = (email: string) => {
      const account = seeded.get(email);
      if (!account) {
        throw new Error(`demo data refers to unknown account ${email}`);
      }
      return account;
    };
    const serviceDeps: AppDeps = {
      ...deps,
      db: tx,
      mailer: deps.mailer ?? createMailer({ from: deps.config.MAIL_FROM }),
      log: deps.log ?? pino({ level: 'silent' }),
      clock,
      // The CLI passes the app's modules; a caller without them seeds with every module.
      modules: deps.modules ?? MODULES,
    };
    const registry = await seedDemoRegistry(serviceDeps, ctx, {
      orgId: (code) => orgOf(code).id,
      account: accountOf,
      unitAdmin: (unitCode) => {
        const spec = DEMO_USERS.find((u) => u.org === unitCode && u.role === 'unit_admin');
        if (!spec) {
          throw new Error(`demo data has no unit_admin for ${unitCode}`);
        }
        return accountOf(spec.email);
      },
    });
    await recordAudit(tx, deps, ctx, {
      action: 'system.seed_demo',
      targetType: 'system',
      summary: { organisations: orgs.size, accounts: accounts.length, registry },
    });
    return { password, organisations: orgs.size, accounts, registry };
  });
}
