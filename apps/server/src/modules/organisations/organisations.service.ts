import type {
  Organisation,
  OrganisationCreateInput,
  OrganisationListQuery,
  OrganisationUpdateInput,
} from '@custodian/shared';
import { creatableOrgKinds } from '@custodian/shared';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import type { Executor } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { isUniqueViolation } from '../../db/errors.js';
import {
  assertCanManage,
  assertInScope,
  isInScope,
  requireActor,
  resolveManageScope,
  resolveOrgScope,
} from '../../lib/tenancy.js';
import { recordAudit } from '../audit/audit.service.js';
import {
  findMinistry,
  findOrganisationByCode,
  findOrganisationById,
  insertOrganisation,
  insertOrganisations,
  listOrganisations as listRows,
  updateOrganisation as updateRow,
  type OrganisationRow,
} from './organisations.repository.js';
import { presentOrganisation } from './organisations.presenter.js';

/**
 * An organisation's id, kind and names, for other modules (a user's role must fit the kind,
 * an invitation names it); undefined when there is no such organisation. No tenancy: the
 * caller decides.
 */
export async function findOrganisationBasics(
  db: Executor,
  id: string,
): Promise<Pick<Organisation, 'id' | 'kind' | 'name' | 'nameEn'> | undefined> {
  const org = await findOrganisationById(db, id);
  return org ? { id: org.id, kind: org.kind, name: org.name, nameEn: org.nameEn } : undefined;
}

/** The Ministry organisation (the root of the tree), if first-run setup created it. */
export async function findMinistryOrganisation(db: Executor): Promise<OrganisationRow | undefined> {
  return findMinistry(db);
}

/**
 * Creates the Ministry organisation, the root every division and unit hangs under. Only
 * first-run setup calls it, inside its transaction and after checking there is none; the
 * caller records the audit event (its actor is the account created with it).
 */
export async function createMinistryOrganisation(
  tx: Executor,
  values: { code: string; name: string; nameEn: string },
): Promise<OrganisationRow> {
  return insertOrganisation(tx, { kind: 'ministry', ...values });
}

/** A unit (under the Ministry) or a vendor (under a unit) recorded in bulk, its id chosen by the caller. */
export type BulkOrganisation = {
  id: string;
  kind: 'unit' | 'vendor';
  unitType: NonNullable<OrganisationRow['unitType']>;
  code: string;
  name: string;
  nameEn: string | null;
  parentId: string;
};

/**
 * Records units and vendors in bulk inside the caller's transaction (the importer's commit):
 * units first, so vendors may hang under units of the same batch. The caller has checked
 * access, codes and parents against the database in the same transaction, and records the
 * audit event; a code taken meanwhile fails the unique index and rolls everything back.
 */
export async function createOrganisationsInBulk(tx: Executor, rows: readonly BulkOrganisation[]): Promise<void> {
  await insertOrganisations(
    tx,
    rows.filter((o) => o.kind === 'unit'),
  );
  await insertOrganisations(
    tx,
    rows.filter((o) => o.kind === 'vendor'),
  );
}

/** Lists the organisations the caller may see, paginated and filtered. */
export async function listOrganisations(deps: AppDeps, ctx: RequestContext, query: OrganisationListQuery) {
  const scope = await resolveOrgScope(deps.db, requireActor(ctx.actor));
  const { items, total } = await listRows(deps.db, scope, query);
  return { items: items.map(presentOrganisation), total, page: query.page, pageSize: query.pageSize };
}

/** One organisation, or NOT_FOUND when it does not exist or is outside the caller's scope. */
export async function getOrganisation(deps: AppDeps, ctx: RequestContext, id: string): Promise<Organisation> {
  const scope = await resolveOrgScope(deps.db, requireActor(ctx.actor));
  const row = await findOrganisationById(deps.db, id);
  if (!row) {
    throw new AppError('NOT_FOUND');
  }
  assertInScope(scope, row.id);
  return presentOrganisation(row);
}

/**
 * Creates a division, unit or vendor. Divisions and units hang under the Ministry and
 * only its security office creates them; a vendor hangs under a unit, and that unit's
 * admin may add it (subcontractors, item 二).
 */
export async function createOrganisation(
  deps: AppDeps,
  ctx: RequestContext,
  input: OrganisationCreateInput,
): Promise<Organisation> {
  const actor = requireActor(ctx.actor);
  if (!creatableOrgKinds(actor.role).includes(input.kind)) {
    throw new AppError('FORBIDDEN');
  }
  const ministry = await findMinistry(deps.db);
  if (!ministry) {
    throw new AppError('ORG_PARENT_INVALID');
  }
  let parentId = ministry.id;
  if (input.kind === 'vendor') {
    if (!input.parentId) {
      throw new AppError('ORG_PARENT_INVALID');
    }
    const parentOrg = await findOrganisationById(deps.db, input.parentId);
    const manage = await resolveManageScope(deps.db, actor);
    if (!parentOrg || !isInScope(manage, parentOrg.id)) {
      throw new AppError('NOT_FOUND');
    }
    if (parentOrg.kind !== 'unit') {
      throw new AppError('ORG_PARENT_INVALID');
    }
    parentId = parentOrg.id;
  } else if (input.parentId && input.parentId !== ministry.id) {
    throw new AppError('ORG_PARENT_INVALID');
  }
  if (await findOrganisationByCode(deps.db, input.code)) {
    throw new AppError('ORG_CODE_TAKEN');
  }
  try {
    const created = await deps.db.transaction(async (tx) => {
      const row = await insertOrganisation(tx, {
        kind: input.kind,
        unitType: input.kind === 'division' ? null : (input.unitType ?? 'other'),
        responsibilityLevel: input.kind === 'unit' ? (input.responsibilityLevel ?? null) : null,
        code: input.code,
        name: input.name,
        nameEn: input.nameEn ?? null,
        parentId,
      });
      await recordAudit(tx, deps, ctx, {
        action: 'organisation.create',
        orgId: row.id,
        targetType: 'organisation',
        targetId: row.id,
        summary: { after: { kind: row.kind, code: row.code, name: row.name, parentId } },
      });
      return row;
    });
    const full = await findOrganisationById(deps.db, created.id);
    if (!full) {
      throw new AppError('INTERNAL');
    }
    return presentOrganisation(full);
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError('ORG_CODE_TAKEN');
    }
    throw err;
  }
}

/** Updates names, type or the active flag. A unit_admin may not deactivate their own unit. */
export async function updateOrganisation(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: OrganisationUpdateInput,
): Promise<Organisation> {
  const actor = requireActor(ctx.actor);
  const before = await findOrganisationById(deps.db, id);
  if (!before) {
    throw new AppError('NOT_FOUND');
  }
  await assertCanManage(deps.db, actor, before.id);
  if (before.kind === 'ministry' && input.isActive === false) {
    throw new AppError('FORBIDDEN');
  }
  if (actor.role !== 'ministry_admin' && before.id === actor.orgId && input.isActive !== undefined) {
    throw new AppError('FORBIDDEN');
  }
  // The Ministry assigns a unit's responsibility level (資通安全責任等級); a unit does not set its own.
  if (input.responsibilityLevel !== undefined && actor.role !== 'ministry_admin') {
    throw new AppError('FORBIDDEN');
  }
  const changes = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.nameEn !== undefined ? { nameEn: input.nameEn } : {}),
    ...(input.unitType !== undefined && before.kind !== 'division' ? { unitType: input.unitType } : {}),
    ...(input.responsibilityLevel !== undefined && before.kind === 'unit'
      ? { responsibilityLevel: input.responsibilityLevel }
      : {}),
    ...(input.isActive !== undefined ? { isActive: input.isActive } : {}),
  };
  await deps.db.transaction(async (tx) => {
    await updateRow(tx, id, changes, ctx.now);
    const beforeSummary = Object.fromEntries(Object.keys(changes).map((k) => [k, before[k as keyof typeof before]]));
    await recordAudit(tx, deps, ctx, {
      action: 'organisation.update',
      orgId: id,
      targetType: 'organisation',
      targetId: id,
      summary: { before: beforeSummary, after: changes },
    });
  });
  const after = await findOrganisationById(deps.db, id);
  if (!after) {
    throw new AppError('NOT_FOUND');
  }
  return presentOrganisation(after);
}
