import { describe, expect, it } from 'vitest';
import { isValidNationalId, maskNationalId } from './national-id.js';

describe('national ID (身分證字號)', () => {
  it('accepts valid citizen numbers', () => {
    for (const id of ['A123456789', 'F131104093', 'a123456789']) {
      expect(isValidNationalId(id)).toBe(true);
    }
  });

  it('accepts new-style resident permit numbers (second digit 8 or 9)', () => {
    expect(isValidNationalId('A800000014')).toBe(true);
    expect(isValidNationalId('A900000016')).toBe(true);
  });

  it('refuses a wrong checksum, a bad second digit or a bad shape', () => {
    for (const id of ['A123456788', 'A323456789', 'A12345678', '1123456789', 'AB23456789', '', 'A1234567890']) {
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
    expect(maskNationalId('abc')).toBe('***');
  });
});
