import type { AttachmentOwner } from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import { systems } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../lib/context.js';
import {
  assertCanManageContract,
  canReadContract,
  isInScope,
  resolveManageScope,
  resolveRegistryScope,
  systemsVisibleSql,
} from '../../lib/tenancy.js';
import {
  findContractParty,
  findRiskAssessmentParty,
  findSystemOrg,
  findVendorQualificationOrg,
  isSystemVisible,
  type ContractParty,
} from './attachments.repository.js';

/**
 * The record a file hangs on, resolved to what decides access: contracts and risk
 * assessments by their contract's unit and business owner, systems and vendor
 * qualifications by their organisation.
 */
export type ResolvedOwner =
  | (AttachmentOwner & { ownerType: 'contract' | 'risk_assessment'; orgId: string; party: ContractParty })
  | (AttachmentOwner & { ownerType: 'system' | 'vendor_qualification'; orgId: string });

/** Looks the owning record up; NOT_FOUND when it does not exist. */
export async function resolveOwner(db: Executor, owner: AttachmentOwner): Promise<ResolvedOwner> {
  switch (owner.ownerType) {
    case 'contract':
    case 'risk_assessment': {
      const party =
        owner.ownerType === 'contract'
          ? await findContractParty(db, owner.ownerId)
          : await findRiskAssessmentParty(db, owner.ownerId);
      if (!party) {
        throw new AppError('NOT_FOUND');
      }
      return { ownerType: owner.ownerType, ownerId: owner.ownerId, orgId: party.unitId, party };
    }
    case 'system':
    case 'vendor_qualification': {
      const orgId =
        owner.ownerType === 'system'
          ? await findSystemOrg(db, owner.ownerId)
          : await findVendorQualificationOrg(db, owner.ownerId);
      if (!orgId) {
        throw new AppError('NOT_FOUND');
      }
      return { ownerType: owner.ownerType, ownerId: owner.ownerId, orgId };
    }
  }
}

/**
 * Whether an actor may read the record (and so its files): the registry scope decides,
 * so a ministry_owner reads the files of the contracts they supervise and of those
 * contracts' systems.
 */
export async function canReadOwner(db: Executor, actor: Actor, owner: ResolvedOwner): Promise<boolean> {
  const scope = await resolveRegistryScope(db, actor);
  switch (owner.ownerType) {
    case 'contract':
    case 'risk_assessment':
      return canReadContract(scope, owner.party);
    case 'system':
      if (scope.kind === 'all') {
        return true;
      }
      return isSystemVisible(
        db,
        owner.ownerId,
        systemsVisibleSql(scope, { orgId: systems.orgId, systemId: systems.id }),
      );
    case 'vendor_qualification':
      return scope.kind === 'all' || scope.orgIds.includes(owner.orgId);
  }
}

/** NOT_FOUND unless the actor may read the record. */
export async function assertCanReadOwner(db: Executor, actor: Actor, owner: ResolvedOwner): Promise<void> {
  if (!(await canReadOwner(db, actor, owner))) {
    throw new AppError('NOT_FOUND');
  }
}

/**
 * Whether an actor may add or remove files of the record: who may change a contract may
 * change its files and its risk assessments' files; for systems and vendor qualifications
 * the organisation's managers. NOT_FOUND outside the read scope, FORBIDDEN inside it.
 */
export async function assertCanWriteOwner(db: Executor, actor: Actor, owner: ResolvedOwner): Promise<void> {
  switch (owner.ownerType) {
    case 'contract':
    case 'risk_assessment':
      await assertCanManageContract(db, actor, owner.party);
      return;
    case 'system':
    case 'vendor_qualification':
      // Read first: a ministry_owner reads a system through a supervised contract
      // without its unit being in their scope, and must then get FORBIDDEN, not NOT_FOUND.
      await assertCanReadOwner(db, actor, owner);
      if (!isInScope(await resolveManageScope(db, actor), owner.orgId)) {
        throw new AppError('FORBIDDEN');
      }
      return;
  }
}
