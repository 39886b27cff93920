import type { Organisation } from '@custodian/shared';
import type { OrganisationWithMeta } from './organisations.repository.js';

/** Maps a row to the API shape. */
export function presentOrganisation(row: OrganisationWithMeta): Organisation {
  return {
    id: row.id,
    kind: row.kind,
    unitType: row.unitType,
    responsibilityLevel: row.kind === 'unit' ? row.responsibilityLevel : null,
    code: row.code,
    name: row.name,
    nameEn: row.nameEn,
    parentId: row.parentId,
    parentName: row.parentName,
    parentNameEn: row.parentNameEn,
    isActive: row.isActive,
    userCount: row.userCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
