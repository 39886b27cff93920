import type { AttachmentOwner } from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { assertAccessConditions, assertSystemsAccess } from '../../lib/access-conditions.js';
import type { Actor, AppDeps } from '../../lib/context.js';
import type { TenancyResolver, TenantRecord } from '../../lib/tenancy.js';

/**
 * The records files may hang on, by owner type: each module registers its own
 * (`AppModule.attachmentOwners`, ADR 0018) with the tenancy resolver that says how a row
 * resolves to an organisation and who may read and change it. This module names none.
 */
export type AttachmentOwners = ReadonlyMap<string, TenancyResolver>;

/** The record a file hangs on, resolved by its module to what decides access. */
export type ResolvedOwner = TenantRecord & { ownerType: string; ownerId: string };

/**
 * Looks the owning record up: VALIDATION_FAILED for a type no module registered (as the
 * request schema said before owner types were registered), NOT_FOUND when it does not exist.
 */
export async function resolveOwner(
  db: Executor,
  owners: AttachmentOwners,
  owner: AttachmentOwner,
): Promise<ResolvedOwner> {
  const resolver = owners.get(owner.ownerType);
  if (!resolver) {
    throw new AppError('VALIDATION_FAILED');
  }
  const record = await resolver.resolve(db, owner.ownerId);
  if (!record) {
    throw new AppError('NOT_FOUND');
  }
  return { ...record, ownerType: owner.ownerType, ownerId: owner.ownerId };
}

/**
 * NOT_FOUND unless the actor may read the record (and so its files); then the modules' access
 * conditions on what the record is tied to (item 六's commitment, ADR 0028) may refuse it.
 */
export async function assertCanReadOwner(
  deps: Pick<AppDeps, 'db' | 'modules'>,
  actor: Actor,
  owner: ResolvedOwner,
  now: Date,
): Promise<void> {
  if (!(await owner.canRead(deps.db, actor))) {
    throw new AppError('NOT_FOUND');
  }
  const ties = await owner.accessTies(deps.db);
  if (ties.systemIds?.length) {
    await assertSystemsAccess(deps, actor, { systemIds: ties.systemIds, now });
  }
  if (ties.contractIds?.length) {
    await assertAccessConditions(deps, actor, { contractIds: ties.contractIds, now });
  }
}

/**
 * Whether an actor may add or remove files of the record: who may change the record.
 * NOT_FOUND outside the read scope, FORBIDDEN inside it.
 */
export async function assertCanWriteOwner(db: Executor, actor: Actor, owner: ResolvedOwner): Promise<void> {
  await owner.assertCanManage(db, actor);
}
