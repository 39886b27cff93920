import { isSystemStatusChangeAllowed, PERSONAL_DATA_FIELDS, type SystemStatus } from '@custodian/shared';
import { AppError } from '../../errors.js';

/**
 * The rules of a system's record, as pure functions: its life cycle, the item 四
 * details and the decommissioning date.
 */

/** Refuses a status change outside planned → pre_launch → online → decommissioned. */
export function assertStatusChange(from: SystemStatus, to: SystemStatus): void {
  if (from === 'decommissioned') {
    throw new AppError('SYSTEM_DECOMMISSIONED');
  }
  if (!isSystemStatusChangeAllowed(from, to)) {
    throw new AppError('SYSTEM_STATUS_INVALID', { from, to });
  }
}

/** The launch day after a change: going online without one records today. */
export function launchDateAfter(options: {
  status: SystemStatus;
  launchDate: string | null;
  today: string;
}): string | null {
  return options.status === 'online' && !options.launchDate ? options.today : options.launchDate;
}

export type PersonalDataState = {
  handlesPersonalData: boolean;
  personalDataCategories: string | null;
  personalDataPurpose: string | null;
  personalDataLegalBasis: string | null;
};

/** Item 四: a system handling personal data states its categories, purpose and legal basis. */
export function assertPersonalDataComplete(state: PersonalDataState): void {
  if (!state.handlesPersonalData) {
    return;
  }
  const missing = PERSONAL_DATA_FIELDS.filter((field) => !state[field]?.trim());
  if (missing.length > 0) {
    throw new AppError('PERSONAL_DATA_DETAILS_REQUIRED', { missing });
  }
}

/** A system that no longer handles personal data keeps no stale details of it. */
export function normalisePersonalData(state: PersonalDataState): PersonalDataState {
  if (state.handlesPersonalData) {
    return state;
  }
  return {
    handlesPersonalData: false,
    personalDataCategories: null,
    personalDataPurpose: null,
    personalDataLegalBasis: null,
  };
}

/** The decommission day is on or after the launch day and not in the future (Asia/Taipei). */
export function assertDecommissionDate(options: { date: string; launchDate: string | null; today: string }): void {
  const { date, launchDate, today } = options;
  if (date > today || (launchDate !== null && date < launchDate)) {
    throw new AppError('SYSTEM_DATES_INVALID', { date, launchDate, today });
  }
}
