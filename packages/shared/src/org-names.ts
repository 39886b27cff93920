import { z } from 'zod';
import type { Locale } from './errors.js';

/*
 * Organisations have an official name in zh-TW and, optionally, an English one
 * (`organisations.name_en`). A response that names an organisation carries both, side by
 * side (`orgName` and `orgNameEn`, `unitName` and `unitNameEn`, …): the web app switches
 * language without fetching again, and every API client gets the same answer whatever its
 * language (issue 11, defect 6). Exports and official documents keep the zh-TW name.
 */

/** The English name next to an organisation's official name in a response. */
export function orgNameEnField(of: string) {
  return z
    .string()
    .nullable()
    .describe(`English name of ${of}; null when none is recorded (the English interface then shows the zh-TW name)`);
}

/** An organisation's name in a language: the English one in English when recorded, else the official zh-TW one. */
export function orgNameIn(locale: Locale, name: string, nameEn: string | null | undefined): string {
  return locale === 'en' && nameEn ? nameEn : name;
}
