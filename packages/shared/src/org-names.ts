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

/**
 * The parameters of a label (an obligation's title) in a language: a parameter that names an
 * organisation carries its English name beside it as `<param>En` when one is recorded
 * (`unit` and `unitEn`); in English that one fills the label.
 */
export function labelParamsIn<T extends string | number>(
  locale: Locale,
  params: Readonly<Record<string, T>>,
): Record<string, T> {
  const localised = { ...params };
  if (locale === 'en') {
    for (const [key, value] of Object.entries(params)) {
      if (key.length > 2 && key.endsWith('En')) {
        localised[key.slice(0, -2)] = value;
      }
    }
  }
  return localised;
}
