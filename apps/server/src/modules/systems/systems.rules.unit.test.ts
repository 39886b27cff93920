import { describe, expect, it } from 'vitest';
import { SYSTEM_STATUSES, isSystemStatusChangeAllowed, isValidPhone } from '@custodian/shared';
import { AppError } from '../../errors.js';
import {
  assertDecommissionDate,
  assertPersonalDataComplete,
  checkSystemRecord,
  assertStatusChange,
  launchDateAfter,
  normalisePersonalData,
} from './systems.rules.js';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.code : 'other';
  }
  return 'ok';
};

describe('system life cycle', () => {
  it('allows exactly planned → pre_launch → online → decommissioned, and going offline early', () => {
    const allowed = SYSTEM_STATUSES.flatMap((from) =>
      SYSTEM_STATUSES.filter((to) => from !== to && isSystemStatusChangeAllowed(from, to)).map((to) => `${from}>${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        'planned>pre_launch',
        'planned>decommissioned',
        'pre_launch>online',
        'pre_launch>decommissioned',
        'online>decommissioned',
      ].sort(),
    );
  });

  it('refuses skipping, going back, and any change once decommissioned', () => {
    expect(codeOf(() => assertStatusChange('planned', 'online'))).toBe('SYSTEM_STATUS_INVALID');
    expect(codeOf(() => assertStatusChange('online', 'pre_launch'))).toBe('SYSTEM_STATUS_INVALID');
    expect(codeOf(() => assertStatusChange('pre_launch', 'planned'))).toBe('SYSTEM_STATUS_INVALID');
    expect(codeOf(() => assertStatusChange('decommissioned', 'online'))).toBe('SYSTEM_DECOMMISSIONED');
    expect(codeOf(() => assertStatusChange('decommissioned', 'decommissioned'))).toBe('SYSTEM_DECOMMISSIONED');
    expect(codeOf(() => assertStatusChange('online', 'online'))).toBe('ok');
  });

  it('records today as the launch day when a system goes online without one', () => {
    expect(launchDateAfter({ status: 'online', launchDate: null, today: '2026-03-01' })).toBe('2026-03-01');
    expect(launchDateAfter({ status: 'online', launchDate: '2025-12-01', today: '2026-03-01' })).toBe('2025-12-01');
    expect(launchDateAfter({ status: 'pre_launch', launchDate: null, today: '2026-03-01' })).toBeNull();
  });

  it('keeps the decommission day between the launch day and today', () => {
    const check = (date: string, launchDate: string | null) =>
      codeOf(() => assertDecommissionDate({ date, launchDate, today: '2026-03-01' }));
    expect(check('2026-03-01', '2026-03-01')).toBe('ok');
    expect(check('2026-02-28', null)).toBe('ok');
    expect(check('2026-03-02', null)).toBe('SYSTEM_DATES_INVALID');
    expect(check('2026-02-28', '2026-03-01')).toBe('SYSTEM_DATES_INVALID');
  });
});

describe('item 四 personal data', () => {
  const base = { personalDataCategories: null, personalDataPurpose: null, personalDataLegalBasis: null };

  it('requires categories, purpose and legal basis when the flag is on', () => {
    expect(codeOf(() => assertPersonalDataComplete({ handlesPersonalData: false, ...base }))).toBe('ok');
    expect(
      codeOf(() =>
        assertPersonalDataComplete({ ...base, handlesPersonalData: true, personalDataCategories: '姓名、電子郵件' }),
      ),
    ).toBe('PERSONAL_DATA_DETAILS_REQUIRED');
    expect(
      codeOf(() =>
        assertPersonalDataComplete({
          handlesPersonalData: true,
          personalDataCategories: 'C001 辨識個人者',
          personalDataPurpose: '教育行政',
          personalDataLegalBasis: '個人資料保護法第 15 條',
        }),
      ),
    ).toBe('ok');
  });

  it('drops stale details when the flag is turned off', () => {
    expect(
      normalisePersonalData({
        handlesPersonalData: false,
        personalDataCategories: 'x',
        personalDataPurpose: 'y',
        personalDataLegalBasis: 'z',
      }),
    ).toEqual({ handlesPersonalData: false, ...base });
  });
});

describe('contact phone numbers', () => {
  it('accepts Taiwanese and international formats with extensions', () => {
    for (const ok of [
      '02-2345-6789',
      '(02)2345-6789',
      '0912-345-678',
      '037-123456',
      '+886 2 2345 6789',
      '+886-912-345-678',
      '02-2345-6789 #123',
      '02-23456789 分機 12',
      '02 2345 6789 ext. 5',
    ]) {
      expect(isValidPhone(ok), ok).toBe(true);
    }
  });

  it('refuses what cannot be dialled', () => {
    for (const bad of [
      '',
      '123',
      '2345-6789',
      '+0886 2 2345 6789',
      '02-2345-6789-12345',
      'abc',
      '+886++2',
      '0912345678 #',
      '+1234567',
    ]) {
      expect(isValidPhone(bad), bad).toBe(false);
    }
  });
});

describe('rules return problems (one copy for the service and the importer)', () => {
  const record = {
    status: 'online' as const,
    launchDate: '2026-01-10',
    decommissionDate: null,
    handlesPersonalData: true,
    personalDataCategories: '姓名',
    personalDataPurpose: null,
    personalDataLegalBasis: '  ',
  };
  const today = '2026-03-01';

  it('returns every problem of a record at its field, the service throwing the first as before', () => {
    const problems = checkSystemRecord({ ...record, decommissionDate: '2026-02-01' }, today);
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ['personalDataPurpose', 'PERSONAL_DATA_DETAILS_REQUIRED'],
      ['personalDataLegalBasis', 'PERSONAL_DATA_DETAILS_REQUIRED'],
      ['decommissionDate', 'IMPORT_ROW_NOT_DECOMMISSIONED'],
    ]);
    try {
      assertPersonalDataComplete(record);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).details).toEqual({ missing: ['personalDataPurpose', 'personalDataLegalBasis'] });
    }
  });

  it('checks the decommission day of a decommissioned record, and skips what is unknown', () => {
    const offline = { ...record, handlesPersonalData: false, status: 'decommissioned' as const };
    expect(checkSystemRecord(offline, today).map((p) => p.code)).toEqual(['IMPORT_ROW_REQUIRED']);
    expect(checkSystemRecord({ ...offline, decommissionDate: '2026-01-01' }, today)).toEqual([
      expect.objectContaining({ path: 'decommissionDate', code: 'SYSTEM_DATES_INVALID', value: '2026-01-01' }),
    ]);
    expect(checkSystemRecord({ ...offline, decommissionDate: '2026-02-01' }, today)).toEqual([]);
    // An unreadable status or detail (an importer's bad cell) is reported by its cell, not again here.
    expect(
      checkSystemRecord(
        {
          ...record,
          status: undefined,
          decommissionDate: '2026-02-01',
          personalDataPurpose: undefined,
          personalDataLegalBasis: undefined,
        },
        today,
      ),
    ).toEqual([]);
  });
});
