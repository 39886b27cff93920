import { describe, expect, it } from 'vitest';
import {
  isValidNationalId,
  maskNationalId,
  normaliseNationalId,
  OLD_RESIDENT_CERTIFICATE_VALID_UNTIL,
  parseNationalId,
} from './national-id.js';

// Checksums below were computed by hand (a separate script), not by the code under test.
describe('national ID (身分證字號)', () => {
  it('accepts valid citizen numbers of both sexes', () => {
    for (const id of ['A123456789', 'F131104093', 'Z100123457']) {
      expect(isValidNationalId(id)).toBe(true);
      expect(parseNationalId(id)).toMatchObject({ kind: 'citizen', sex: 'male' });
    }
    expect(isValidNationalId('B200123459')).toBe(true);
    expect(parseNationalId('B200123459')).toMatchObject({ kind: 'citizen', sex: 'female' });
  });

  it('accepts lowercase input and surrounding whitespace, normalised', () => {
    expect(isValidNationalId('a123456789')).toBe(true);
    expect(isValidNationalId('  a123456789\n')).toBe(true);
    expect(isValidNationalId(' fa12345689 ', { today: '2026-11-24' })).toBe(true);
    expect(normaliseNationalId(' a123456789 ')).toBe('A123456789');
    expect(parseNationalId('fa12345689')?.id).toBe('FA12345689');
  });

  it('accepts new-style resident certificate numbers (second digit 8 male, 9 female)', () => {
    expect(isValidNationalId('A800000014')).toBe(true);
    expect(isValidNationalId('A900000016')).toBe(true);
    expect(parseNationalId('A800123450')).toMatchObject({ kind: 'resident', sex: 'male' });
    expect(parseNationalId('K900123451')).toMatchObject({ kind: 'resident', sex: 'female' });
    expect(isValidNationalId('A800123451')).toBe(false);
  });

  it('accepts old-style resident certificate numbers (two letters; the second letter code’s last digit)', () => {
    // FA12345689 is the worked example usually quoted for the old format: F=15, A=10 → 0.
    for (const [id, sex] of [
      ['FA12345689', 'male'],
      ['AA12345675', 'male'],
      ['FB12345672', 'female'],
      ['TC12345675', 'male'],
      ['YD12345670', 'female'],
    ] as const) {
      expect(isValidNationalId(id, { today: '2026-11-24' })).toBe(true);
      expect(parseNationalId(id)).toMatchObject({ kind: 'resident_old', sex });
    }
  });

  it('refuses old-style numbers with a wrong checksum or a second letter outside A–D', () => {
    expect(isValidNationalId('FA12345688', { today: '2026-11-24' })).toBe(false);
    expect(isValidNationalId('AC12345675')).toBe(false);
    // E would be code 14 → 4; the old scheme only uses A–D.
    expect(isValidNationalId('AE12345671')).toBe(false);
  });

  it('accepts the old format up to 2030-12-31 and refuses it from 2031-01-01', () => {
    expect(OLD_RESIDENT_CERTIFICATE_VALID_UNTIL).toBe('2030-12-31');
    expect(isValidNationalId('FA12345689', { today: '2030-12-31' })).toBe(true);
    expect(isValidNationalId('FA12345689', { today: '2031-01-01' })).toBe(false);
    // The cutoff is policy data: a caller may move it.
    expect(isValidNationalId('FA12345689', { today: '2031-01-01', oldResidentValidUntil: '2031-06-30' })).toBe(true);
    // Citizen and new-style numbers are not affected by the cutoff.
    expect(isValidNationalId('A123456789', { today: '2040-01-01' })).toBe(true);
    expect(isValidNationalId('A800000014', { today: '2040-01-01' })).toBe(true);
  });

  it('refuses a wrong checksum, a bad second character or a bad shape', () => {
    for (const id of [
      'A123456788',
      'A323456789',
      'A12345678',
      '1123456789',
      'AB23456788',
      '',
      'A1234567890',
      'A12345678X',
      'A 123456789',
      '１123456789',
    ]) {
      expect(isValidNationalId(id)).toBe(false);
    }
  });

  it('maps the irregular letters I, O, W, X, Y, Z correctly', () => {
    // I=34, O=35, W=32, X=30, Y=31, Z=33: checksums computed by hand.
    expect(isValidNationalId('I100000003')).toBe(true);
    expect(isValidNationalId('O100000004')).toBe(true);
    expect(isValidNationalId('W100000001')).toBe(true);
  });

  it('masks all but the first three and last three characters', () => {
    expect(maskNationalId('A123456789')).toBe('A12****789');
    expect(maskNationalId(' fa12345689 ')).toBe('FA1****689');
    expect(maskNationalId('abc')).toBe('***');
  });
});
