import { Option, type Command } from 'commander';
import {
  OrganisationCreateSchema,
  ROLES,
  UNIT_TYPES,
  UserCreateSchema,
  type Organisation,
  type Role,
  type UnitType,
} from '@custodian/shared';
import type { AppDeps, RequestContext } from '../lib/context.js';
import { systemContext } from '../lib/context.js';
import { assertPasswordPolicy, setUserPassword } from '../modules/auth/password.service.js';
import { createOrganisation, listOrganisations } from '../modules/organisations/organisations.service.js';
import { createUser } from '../modules/users/users.service.js';
import { CliError } from './cli-error.js';
import { readFirstLine } from './stdin.js';
import { say, withRuntime } from './runtime.js';

/** Finds an organisation by its exact code through the organisations service. */
export async function findOrganisationByCode(deps: AppDeps, ctx: RequestContext, code: string): Promise<Organisation> {
  const page = await listOrganisations(deps, ctx, { q: code, page: 1, pageSize: 100 });
  const org = page.items.find((o) => o.code.toLowerCase() === code.toLowerCase());
  if (!org) {
    throw new CliError(`No organisation with code ${code}. 找不到代碼為 ${code} 的機構。`);
  }
  return org;
}

async function findMinistry(deps: AppDeps, ctx: RequestContext): Promise<Organisation> {
  const page = await listOrganisations(deps, ctx, { kind: 'ministry', page: 1, pageSize: 1 });
  const ministry = page.items[0];
  if (!ministry) {
    throw new CliError('The Ministry does not exist yet: run the first-run setup or `custodian seed --demo`.');
  }
  return ministry;
}

export type UserCreateOptions = {
  email: string;
  name: string;
  role: Role;
  /** Organisation code; the Ministry when absent. */
  unit?: string;
  /** Codes of supervised/assigned organisations (ministry_owner, auditor). */
  scope?: string[];
  password: string;
};

/**
 * Creates an account with a password, through the same services as the API: the
 * password policy is checked before anything is written, so a refused password creates nothing.
 */
export async function createUserWithPassword(deps: AppDeps, ctx: RequestContext, input: UserCreateOptions) {
  const org = input.unit ? await findOrganisationByCode(deps, ctx, input.unit) : await findMinistry(deps, ctx);
  const scopeOrgIds: string[] = [];
  for (const code of input.scope ?? []) {
    scopeOrgIds.push((await findOrganisationByCode(deps, ctx, code)).id);
  }
  await assertPasswordPolicy({
    password: input.password,
    owner: { name: input.name, email: input.email, context: [org.name] },
  });
  // The same validation as the API's request schema.
  const { user } = await createUser(
    deps,
    ctx,
    UserCreateSchema.parse({ email: input.email, name: input.name, role: input.role, orgId: org.id, scopeOrgIds }),
  );
  await setUserPassword(deps, ctx, { userId: user.id, password: input.password });
  return { ...user, hasPassword: true };
}

function splitCodes(value: string): string[] {
  return value
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
}

/** `custodian user create` and `custodian unit create`. */
export function registerAdminCommands(program: Command): void {
  const user = program.command('user').description('Manage accounts');
  user
    .command('create')
    .description('Create an account; the password is read from the first line of stdin')
    .requiredOption('--email <email>', 'e-mail address (login name)')
    .requiredOption('--name <name>', 'display name')
    .addOption(new Option('--role <role>', 'role').choices(ROLES).makeOptionMandatory())
    .option('--unit <code>', 'organisation code (default: the Ministry)')
    .option('--scope <codes>', 'comma-separated codes of supervised/assigned organisations', splitCodes)
    .action(async (opts: { email: string; name: string; role: Role; unit?: string; scope?: string[] }) => {
      if (process.stdin.isTTY) {
        process.stderr.write('Password (input is visible; prefer a pipe): ');
      }
      const password = await readFirstLine();
      await withRuntime(async ({ deps }) => {
        const created = await createUserWithPassword(deps, systemContext('cli', deps.clock.now()), {
          ...opts,
          password,
        });
        say(`Created ${created.role} ${created.email} (${created.name}) in ${created.orgName}. id=${created.id}`);
      });
    });

  const unit = program.command('unit').description('Manage organisations');
  unit
    .command('create')
    .description('Create a unit (default), a division, or a vendor under a unit')
    .requiredOption('--code <code>', 'short unique code')
    .requiredOption('--name <name>', 'official name (zh-TW)')
    .option('--name-en <name>', 'English name')
    .addOption(new Option('--type <type>', 'type of unit').choices(UNIT_TYPES))
    .addOption(new Option('--kind <kind>', 'kind').choices(['unit', 'division', 'vendor']).default('unit'))
    .option('--parent <code>', 'parent unit code (required for vendors)')
    .action(
      async (opts: {
        code: string;
        name: string;
        nameEn?: string;
        type?: UnitType;
        kind: 'unit' | 'division' | 'vendor';
        parent?: string;
      }) => {
        await withRuntime(async ({ deps }) => {
          const ctx = systemContext('cli', deps.clock.now());
          if (opts.kind === 'vendor' && !opts.parent) {
            throw new CliError('A vendor needs --parent <unit code>.');
          }
          const parent = opts.parent ? await findOrganisationByCode(deps, ctx, opts.parent) : undefined;
          const input = OrganisationCreateSchema.parse({
            kind: opts.kind,
            code: opts.code,
            name: opts.name,
            nameEn: opts.nameEn,
            unitType: opts.type ?? (opts.kind === 'vendor' ? 'company' : undefined),
            parentId: parent?.id,
          });
          const org = await createOrganisation(deps, ctx, input);
          say(
            `Created ${org.kind} ${org.code} ${org.name}${org.parentName ? ` under ${org.parentName}` : ''}. id=${org.id}`,
          );
        });
      },
    );
}
