import type { MatrixEntry } from './common.js';
import { ACCOUNT_MATRIX } from './account.js';
import { ORGANISATIONS_MATRIX } from './organisations.js';
import { AUDIT_MATRIX } from './audit.js';
import { POLICY_MATRIX } from './policy.js';
import { CONTRACTS_MATRIX } from './contracts.js';
import { SYSTEMS_MATRIX } from './systems.js';
import { ALLOCATIONS_MATRIX } from './allocations.js';
import { VENDORS_MATRIX } from './vendors.js';
import { SCANS_MATRIX } from './scans.js';
import { ATTACHMENTS_MATRIX } from './attachments.js';
import { IMPORTS_MATRIX } from './imports.js';
import { OBLIGATIONS_MATRIX } from './obligations.js';
import { NOTIFICATIONS_MATRIX } from './notifications.js';
import { AGREEMENTS_MATRIX } from './agreements.js';
import { PENTESTS_MATRIX } from './pentests.js';

/** Every route's entry, keyed `METHOD /url`; each area keeps its own file. */
export const MATRIX: Record<string, MatrixEntry> = {
  ...ACCOUNT_MATRIX,
  ...ORGANISATIONS_MATRIX,
  ...AUDIT_MATRIX,
  ...POLICY_MATRIX,
  ...CONTRACTS_MATRIX,
  ...SYSTEMS_MATRIX,
  ...ALLOCATIONS_MATRIX,
  ...VENDORS_MATRIX,
  ...SCANS_MATRIX,
  ...ATTACHMENTS_MATRIX,
  ...IMPORTS_MATRIX,
  ...OBLIGATIONS_MATRIX,
  ...NOTIFICATIONS_MATRIX,
  ...AGREEMENTS_MATRIX,
  ...PENTESTS_MATRIX,
};
