import {
  EmailSchema,
  hasControlCharacters,
  IMPORT_OPTIONS,
  IMPORT_ROW_ERROR_CODES,
  isValidPhone,
  normaliseIdentifier,
  OrgCodeSchema,
  SystemUrlSchema,
  type ImportColumn,
  type ImportOptionSet,
  type ErrorCode,
  type ImportRowErrorCode,
} from '@custodian/shared';
import { checkHostname, checkIps, normaliseIps } from '../hosts/hosts.rules.js';
import { parseImportDate } from './imports.dates.js';
import type { CellValue } from './imports.read.js';

/**
 * Reading one cell by its column's kind: the value to store, or the error code to report.
 * Rules are those of the create forms of each record (shared Zod contracts, hosts.rules).
 */
export type CellResult = { ok: true; value: unknown } | { ok: false; code: ImportRowErrorCode; value: string | null };

/** Separators of list cells: line breaks and semicolons always; commas, 、 and spaces where values cannot hold them. */
const SPLIT_LOOSE = /[\s,;，；、]+/;
const SPLIT_CODES = /[\r\n,;，；、]+/;
const SPLIT_NAMES = /[\r\n;；]+/;

const ok = (value: unknown): CellResult => ({ ok: true, value });
const fail = (code: ImportRowErrorCode, value: string | null): CellResult => ({ ok: false, code, value });

const ROW_ERROR_CODES: ReadonlySet<string> = new Set(IMPORT_ROW_ERROR_CODES);

/**
 * A module rule's error code as a row error code. Every code a rule the importer runs can
 * return is listed in IMPORT_ROW_ERROR_CODES; one that is not is a programming error.
 */
export function rowErrorCode(code: ErrorCode): ImportRowErrorCode {
  if (!ROW_ERROR_CODES.has(code)) {
    throw new Error(`${code} is not an import row error code`);
  }
  return code as ImportRowErrorCode;
}

/** Shortened for the error list, so a huge cell does not bloat the job. */
export const shortValue = (text: string | null) => (text === null ? null : text.slice(0, 120));

/** Option labels accepted for each set: the zh-TW label, the English one and the code, in any case. */
const OPTION_LOOKUP = Object.fromEntries(
  Object.entries(IMPORT_OPTIONS).map(([set, options]) => [
    set,
    new Map(
      Object.entries(options).flatMap(([code, label]) => [
        [label['zh-TW'].toLowerCase(), code],
        [label.en.toLowerCase(), code],
        [code.toLowerCase(), code],
      ]),
    ),
  ]),
) as Record<ImportOptionSet, Map<string, string>>;

/** Extra spellings people use: 正式環境, 上線, Y/N, TRUE/FALSE (a checkbox cell). */
const OPTION_ALIASES: Partial<Record<ImportOptionSet, Record<string, string>>> = {
  environment: { 正式環境: 'production', 預備環境: 'staging', 測試環境: 'testing', 開發環境: 'development' },
  systemStatus: { 上線: 'online', 規劃: 'planned', 下線: 'decommissioned' },
  yesNo: { y: 'yes', n: 'no', true: 'yes', false: 'no', 有: 'yes', 無: 'no' },
  hostLocation: { 地端機房: 'on_premise', 雲: 'cloud' },
};

/** The code an option cell names, or undefined. */
export function parseOption(set: ImportOptionSet, text: string): string | undefined {
  const key = text.trim().toLowerCase();
  return OPTION_LOOKUP[set].get(key) ?? OPTION_ALIASES[set]?.[key];
}

function splitList(text: string, separators: RegExp, normalise = (part: string) => part.trim()): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of text.split(separators)) {
    const item = normalise(part);
    if (item !== '' && !seen.has(item.toLowerCase())) {
      seen.add(item.toLowerCase());
      out.push(item);
    }
  }
  return out;
}

function readText(column: ImportColumn, text: string, multiline: boolean): CellResult {
  // A line break typed into a one-line field (Alt+Enter) becomes a space.
  const value = multiline ? text : text.replace(/\s*[\r\n]+\s*/g, ' ');
  if (hasControlCharacters(value) || value.length > (column.max ?? 200)) {
    return fail('IMPORT_ROW_INVALID_TEXT', shortValue(text));
  }
  return ok(value);
}

function readList(column: ImportColumn, text: string): CellResult {
  const max = column.max ?? 50;
  switch (column.kind) {
    case 'ipList': {
      const items = splitList(text, SPLIT_LOOSE);
      // The hosts module's rule: the first bad address is the cell's error.
      const [bad] = checkIps(items);
      if (bad) {
        return fail(rowErrorCode(bad.code), shortValue(bad.value ?? null));
      }
      const addresses = normaliseIps(items);
      return addresses.length > max ? fail('IMPORT_ROW_TOO_MANY_VALUES', shortValue(text)) : ok(addresses);
    }
    case 'urlList': {
      const items = splitList(text, SPLIT_LOOSE);
      const bad = items.find((item) => !SystemUrlSchema.safeParse(item).success);
      if (bad !== undefined) {
        return fail('IMPORT_ROW_INVALID_URL', shortValue(bad));
      }
      return items.length > max ? fail('IMPORT_ROW_TOO_MANY_VALUES', shortValue(text)) : ok(items);
    }
    case 'codeList':
    case 'nameList': {
      // Codes and contract numbers are identifiers: the same normalisation as the API's.
      const items =
        column.kind === 'codeList' ? splitList(text, SPLIT_CODES, normaliseIdentifier) : splitList(text, SPLIT_NAMES);
      const bad = items.find(
        (item) => hasControlCharacters(item) || item.length > (column.kind === 'codeList' ? 64 : 200),
      );
      if (bad !== undefined) {
        return fail('IMPORT_ROW_INVALID_TEXT', shortValue(bad));
      }
      return items.length > max ? fail('IMPORT_ROW_TOO_MANY_VALUES', shortValue(text)) : ok(items);
    }
    default:
      return fail('IMPORT_ROW_INVALID_TEXT', shortValue(text));
  }
}

/** Reads a non-empty cell of a column. */
function readFilled(column: ImportColumn, cell: string | Date): CellResult {
  if (column.kind === 'date') {
    const parsed = parseImportDate(cell);
    return parsed.ok ? ok(parsed.value) : fail('IMPORT_ROW_INVALID_DATE', shortValue(String(cell)));
  }
  // A date typed where text is expected is read as its calendar day.
  const asDate = cell instanceof Date ? parseImportDate(cell) : undefined;
  const text = typeof cell === 'string' ? cell : asDate?.ok ? asDate.value : '';
  switch (column.kind) {
    case 'text':
      return readText(column, text, false);
    case 'longText':
      return readText(column, text, true);
    case 'identifier': {
      // Normalised as ContractNumberSchema does, so a look-alike is a duplicate here too.
      const value = normaliseIdentifier(text);
      return value !== '' && !hasControlCharacters(value) && value.length <= (column.max ?? 64)
        ? ok(value)
        : fail('IMPORT_ROW_INVALID_TEXT', shortValue(text));
    }
    case 'code': {
      // OrgCodeSchema: normalised, then the code pattern and its 32 characters.
      const parsed = OrgCodeSchema.safeParse(text);
      return parsed.success ? ok(parsed.data) : fail('IMPORT_ROW_INVALID_CODE', shortValue(text));
    }
    case 'option': {
      const code = column.option ? parseOption(column.option, text) : undefined;
      return code ? ok(code) : fail('IMPORT_ROW_INVALID_OPTION', shortValue(text));
    }
    case 'amount': {
      const digits = text.replace(/^NT\$|元$/gi, '').replace(/[,\s]/g, '');
      const amount = Number(digits);
      return /^\d+$/.test(digits) && amount <= 1_000_000_000_000
        ? ok(amount)
        : fail('IMPORT_ROW_INVALID_NUMBER', shortValue(text));
    }
    case 'email': {
      const parsed = EmailSchema.safeParse(text);
      return parsed.success ? ok(parsed.data) : fail('IMPORT_ROW_INVALID_EMAIL', shortValue(text));
    }
    case 'phone':
      return isValidPhone(text) && text.length <= (column.max ?? 40)
        ? ok(text)
        : fail('IMPORT_ROW_INVALID_PHONE', shortValue(text));
    case 'hostname': {
      const name = normaliseIdentifier(text);
      const [bad] = checkHostname(name);
      return bad ? fail(rowErrorCode(bad.code), shortValue(text)) : ok(name.trim());
    }
    case 'ipList':
    case 'urlList':
    case 'codeList':
    case 'nameList':
      return readList(column, text);
  }
}

/**
 * Reads a cell: null for an empty optional cell (lists: []), IMPORT_ROW_REQUIRED for an
 * empty required one, otherwise the parsed value or its error.
 */
export function readCell(column: ImportColumn, cell: CellValue): CellResult {
  if (cell === null || (typeof cell === 'string' && cell.trim() === '')) {
    if (column.required) {
      return fail('IMPORT_ROW_REQUIRED', null);
    }
    const isList = ['ipList', 'urlList', 'codeList', 'nameList'].includes(column.kind);
    return ok(isList ? [] : null);
  }
  return readFilled(column, typeof cell === 'string' ? cell.trim() : cell);
}
