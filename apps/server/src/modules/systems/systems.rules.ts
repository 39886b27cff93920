import { isSystemStatusChangeAllowed, PERSONAL_DATA_FIELDS, type SystemStatus } from '@custodian/shared';
import { AppError } from '../../errors.js';
import { throwFirstProblem, type Problem } from '../../lib/problems.js';

/**
 * The rules of a system's record, as pure functions: its life cycle, the item 四
 * details and the decommissioning date. The `check…` functions return every problem (the
 * importer reports them all); the `assert…` wrappers throw the first (the service).
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

/**
 * Item 四: a system handling personal data states its categories, purpose and legal basis;
 * one problem per missing detail. A detail that is `undefined` is unknown (an importer's
 * cell that did not read) and is not judged.
 */
export function checkPersonalData(
  state: Pick<PersonalDataState, 'handlesPersonalData'> & {
    [F in (typeof PERSONAL_DATA_FIELDS)[number]]: string | null | undefined;
  },
): Problem[] {
  if (!state.handlesPersonalData) {
    return [];
  }
  const missing = PERSONAL_DATA_FIELDS.filter((field) => state[field] !== undefined && !state[field]?.trim());
  return missing.map((field) => ({ path: field, code: 'PERSONAL_DATA_DETAILS_REQUIRED', params: { missing } }));
}

/** Item 四, for a service: PERSONAL_DATA_DETAILS_REQUIRED with every missing detail. */
export function assertPersonalDataComplete(state: PersonalDataState): void {
  throwFirstProblem(checkPersonalData(state));
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
export function checkDecommissionDate(options: { date: string; launchDate: string | null; today: string }): Problem[] {
  const { date, launchDate, today } = options;
  if (date > today || (launchDate !== null && date < launchDate)) {
    return [
      { path: 'decommissionDate', code: 'SYSTEM_DATES_INVALID', params: { date, launchDate, today }, value: date },
    ];
  }
  return [];
}

/** The decommission day rule, for a service: SYSTEM_DATES_INVALID. */
export function assertDecommissionDate(options: { date: string; launchDate: string | null; today: string }): void {
  throwFirstProblem(checkDecommissionDate(options));
}

/**
 * The rules of a whole system record as it is recorded at once (the importer's rows, the
 * bulk create): item 四 details, and a decommission day exactly when the system is
 * decommissioned, within checkDecommissionDate's bounds. `undefined` means unknown (an
 * importer's cell that did not read): rules that need it are skipped.
 */
export function checkSystemRecord(
  record: {
    status: SystemStatus | undefined;
    launchDate: string | null | undefined;
    decommissionDate: string | null | undefined;
    handlesPersonalData: boolean | undefined;
    personalDataCategories: string | null | undefined;
    personalDataPurpose: string | null | undefined;
    personalDataLegalBasis: string | null | undefined;
  },
  today: string,
): Problem[] {
  const problems = checkPersonalData({ ...record, handlesPersonalData: record.handlesPersonalData === true });
  const { status, decommissionDate } = record;
  const launchDate = record.launchDate ?? null;
  if (status === 'decommissioned' && decommissionDate === null) {
    problems.push({ path: 'decommissionDate', code: 'IMPORT_ROW_REQUIRED' });
  }
  if (decommissionDate && status !== undefined && status !== 'decommissioned') {
    problems.push({ path: 'decommissionDate', code: 'IMPORT_ROW_NOT_DECOMMISSIONED', value: decommissionDate });
  } else if (decommissionDate) {
    problems.push(...checkDecommissionDate({ date: decommissionDate, launchDate, today }));
  }
  return problems;
}
