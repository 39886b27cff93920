import {
  isExpiryBeforeIssue,
  requiresExpiry,
  type VendorQualification,
  type VendorQualificationCreateInput,
  type VendorQualificationListQuery,
  type VendorQualificationSummary,
  type VendorQualificationSummaryQuery,
  type VendorQualificationUpdateInput,
} from '@custodian/shared';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import type { Executor } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { policyInForce, taipeiToday } from '../../lib/policy.js';
import { assertCanManage, assertInScope, requireActor, resolveOrgScope } from '../../lib/tenancy.js';
import { viewerOf } from '../../lib/permissions.js';
import { recordAudit } from '../audit/audit.service.js';
import { removeAttachmentsOf } from '../attachments/attachments.service.js';
import { getOrganisation } from '../organisations/organisations.service.js';
import {
  countQualificationAttachments,
  deleteQualification,
  findQualificationById,
  findQualificationRow,
  insertQualification,
  listQualifications,
  updateQualification,
  type ExpiryRule,
  type QualificationRow,
} from './vendors.repository.js';
import { summariseQualifications } from './vendors.summary.repository.js';
import { presentQualification, presentSummary } from './vendors.presenter.js';
import { orgRecordsChanged, recordsChanged } from '../../lib/record-changes.js';

/** Today in Taipei (at `now`) and the warning period of the rule set in force today (item 三十九). */
async function expiryRule(db: Executor, now: Date): Promise<ExpiryRule> {
  return expiryRuleOn(db, taipeiToday(now));
}

/** The expiry rule of the Taipei day `today`: the warning period of the rule set in force that day. */
export async function expiryRuleOn(db: Executor, today: string): Promise<ExpiryRule> {
  const policy = await policyInForce(db, today);
  return { today, warningDays: policy.rules.vendorQualifications.expiryWarningDays };
}

/** Lists the qualifications of the organisations the caller may see. */
export async function listVendorQualifications(
  deps: AppDeps,
  ctx: RequestContext,
  query: VendorQualificationListQuery,
) {
  const actor = requireActor(ctx.actor);
  const scope = await resolveOrgScope(deps.db, actor);
  const rule = await expiryRule(deps.db, ctx.now);
  const { items, total } = await listQualifications(deps.db, { scope, query, rule });
  const viewer = await viewerOf(deps.db, actor);
  return {
    items: items.map((row) => presentQualification(row, viewer)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** One qualification; NOT_FOUND when missing or outside the caller's scope. */
export async function getVendorQualification(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
): Promise<VendorQualification> {
  const actor = requireActor(ctx.actor);
  const scope = await resolveOrgScope(deps.db, actor);
  const row = await findQualificationById(deps.db, id, await expiryRule(deps.db, ctx.now));
  if (!row) {
    throw new AppError('NOT_FOUND');
  }
  assertInScope(scope, row.orgId);
  return presentQualification(row, await viewerOf(deps.db, actor));
}

function assertDates(record: Pick<QualificationRow, 'kind' | 'issuedOn' | 'expiresOn'>): void {
  if (isExpiryBeforeIssue(record.issuedOn, record.expiresOn)) {
    throw new AppError('QUALIFICATION_DATES_INVALID');
  }
  if (requiresExpiry(record.kind) && !record.expiresOn) {
    throw new AppError('QUALIFICATION_EXPIRY_REQUIRED');
  }
}

/** What an audit summary keeps of a qualification: no free text beyond its name. */
function auditView(row: Partial<QualificationRow>) {
  const { kind, name, certificateNumber, issuer, issuedOn, expiresOn } = row;
  return { kind, name, certificateNumber, issuer, issuedOn, expiresOn };
}

/** Records a qualification of a vendor or unit in the caller's manage scope. */
export async function createVendorQualification(
  deps: AppDeps,
  ctx: RequestContext,
  input: VendorQualificationCreateInput,
): Promise<VendorQualification> {
  const actor = requireActor(ctx.actor);
  const holder = await getOrganisation(deps, ctx, input.orgId);
  await assertCanManage(deps.db, actor, holder.id);
  if (holder.kind !== 'vendor' && holder.kind !== 'unit') {
    throw new AppError('QUALIFICATION_ORG_INVALID');
  }
  const values = {
    orgId: holder.id,
    kind: input.kind,
    name: input.name,
    certificateNumber: input.certificateNumber ?? null,
    issuer: input.issuer ?? null,
    scope: input.scope ?? null,
    issuedOn: input.issuedOn ?? null,
    expiresOn: input.expiresOn ?? null,
    notes: input.notes ?? null,
  };
  assertDates(values);
  const created = await deps.db.transaction(async (tx) => {
    const row = await insertQualification(tx, {
      ...values,
      createdBy: actor.via === 'system' ? null : actor.userId,
    });
    await recordAudit(tx, deps, ctx, {
      action: 'vendor_qualification.create',
      orgId: row.orgId,
      targetType: 'vendor_qualification',
      targetId: row.id,
      summary: { after: auditView(row) },
    });
    await orgRecordsChanged(tx, deps, { orgIds: [row.orgId], now: ctx.now });
    return row;
  });
  await recordsChanged(deps, ctx.now, [{ trigger: 'vendor.qualification', subjectIds: [created.id] }]);
  return getVendorQualification(deps, ctx, created.id);
}

/** Changes a qualification; the date rules are checked on the record as it will be. */
export async function updateVendorQualification(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: VendorQualificationUpdateInput,
): Promise<VendorQualification> {
  const actor = requireActor(ctx.actor);
  const before = await findQualificationRow(deps.db, id);
  if (!before) {
    throw new AppError('NOT_FOUND');
  }
  await assertCanManage(deps.db, actor, before.orgId);
  const changes = Object.fromEntries(
    Object.entries(input).filter(
      ([key, value]) => value !== undefined && before[key as keyof QualificationRow] !== value,
    ),
  ) as Partial<QualificationRow>;
  assertDates({ ...before, ...changes });
  if (Object.keys(changes).length > 0) {
    await deps.db.transaction(async (tx) => {
      await updateQualification(tx, id, changes, ctx.now);
      const fields = Object.keys(changes) as (keyof QualificationRow)[];
      await recordAudit(tx, deps, ctx, {
        action: 'vendor_qualification.update',
        orgId: before.orgId,
        targetType: 'vendor_qualification',
        targetId: id,
        summary: {
          fields,
          before: auditView(Object.fromEntries(fields.map((f) => [f, before[f]]))),
          after: auditView(changes),
        },
      });
      await orgRecordsChanged(tx, deps, { orgIds: [before.orgId], now: ctx.now });
    });
  }
  await recordsChanged(deps, ctx.now, [{ trigger: 'vendor.qualification', subjectIds: [id] }]);
  return getVendorQualification(deps, ctx, id);
}

/**
 * Deletes a qualification with its certificate scans: the attachment rows go in the same
 * transaction, the stored files once it has committed.
 */
export async function deleteVendorQualification(deps: AppDeps, ctx: RequestContext, id: string): Promise<void> {
  const actor = requireActor(ctx.actor);
  const row = await findQualificationRow(deps.db, id);
  if (!row) {
    throw new AppError('NOT_FOUND');
  }
  await assertCanManage(deps.db, actor, row.orgId);
  const removeFiles = await deps.db.transaction(async (tx) => {
    const attachmentCount = await countQualificationAttachments(tx, id);
    const removeStored = await removeAttachmentsOf(deps, tx, { ownerType: 'vendor_qualification', ownerId: id });
    await deleteQualification(tx, id);
    await recordAudit(tx, deps, ctx, {
      action: 'vendor_qualification.delete',
      orgId: row.orgId,
      targetType: 'vendor_qualification',
      targetId: id,
      summary: { before: auditView(row), attachmentsRemoved: attachmentCount },
    });
    await orgRecordsChanged(tx, deps, { orgIds: [row.orgId], now: ctx.now });
    return removeStored;
  });
  await removeFiles();
  await recordsChanged(deps, ctx.now, [{ trigger: 'vendor.qualification', subjectIds: [id] }]);
}

/** Per vendor or unit in scope: a valid ISO/CNS 27001 or not, and the nearest expiry. */
export async function summariseVendorQualifications(
  deps: AppDeps,
  ctx: RequestContext,
  query: VendorQualificationSummaryQuery,
): Promise<{ items: VendorQualificationSummary[]; total: number; page: number; pageSize: number }> {
  const scope = await resolveOrgScope(deps.db, requireActor(ctx.actor));
  if (query.orgId) {
    // Answer 404 for an organisation outside the scope rather than an empty page.
    await getOrganisation(deps, ctx, query.orgId);
  }
  const { items, total } = await summariseQualifications(deps.db, {
    scope,
    query,
    rule: await expiryRule(deps.db, ctx.now),
  });
  return { items: items.map(presentSummary), total, page: query.page, pageSize: query.pageSize };
}
