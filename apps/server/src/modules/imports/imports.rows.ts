import {
  IMPORT_COLUMNS,
  IMPORT_SHEETS,
  type ImportRowError,
  type ImportRowErrorCode,
  type ImportSheet,
  type SystemStatus,
} from '@custodian/shared';
import type { Problem } from '../../lib/problems.js';
import { checkContractPeriod } from '../contracts/contracts.rules.js';
import { checkSystemRecord } from '../systems/systems.rules.js';
import { readCell, rowErrorCode } from './imports.cells.js';
import type { RawUpload } from './imports.read.js';
import {
  codeKey,
  emptyRows,
  systemKey,
  type ContactRow,
  type ContractRow,
  type FileKeys,
  type HostRow,
  type ImportRows,
  type SystemRow,
  type UnitRow,
} from './imports.types.js';

/**
 * The checks a row needs no database for: every cell by its column, the rules between the
 * cells of a row (periods, item 四 details), and duplicate keys inside the file.
 */
type Values = Record<string, unknown>;
type Issue = { column: string | null; code: ImportRowErrorCode; value?: string | null };

const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** A module rule's problems as issues of the row, at the column named by their path. */
const issuesOf = (problems: Problem[]): Issue[] =>
  problems.map((p) => ({ column: p.path, code: rowErrorCode(p.code), value: p.value ?? null }));

/** An option cell's value: undefined when the cell did not read, its default when it is empty. */
const optionOf = <T extends string>(value: unknown, fallback: T): T | undefined =>
  value === undefined ? undefined : ((value ?? fallback) as T);

/**
 * Rules between the cells of one row, per sheet: the owning module's rule functions (one
 * copy of each rule, ADR 0018), on the cells that read cleanly (a cell that did not is
 * `undefined`, and rules needing it are skipped). `today` is the Taipei day of the upload.
 */
const ROW_RULES: Record<ImportSheet, (v: Values, today: string) => Issue[]> = {
  units: () => [],
  contracts: (v) => issuesOf(checkContractPeriod({ periodStart: str(v.periodStart), periodEnd: str(v.periodEnd) })),
  systems: (v, today) =>
    issuesOf(
      checkSystemRecord(
        {
          status: optionOf<SystemStatus>(v.status, 'planned'),
          launchDate: str(v.launchDate),
          decommissionDate: v.decommissionDate === undefined ? undefined : str(v.decommissionDate),
          handlesPersonalData: v.handlesPersonalData === undefined ? undefined : v.handlesPersonalData === 'yes',
          personalDataCategories: v.personalDataCategories as string | null | undefined,
          personalDataPurpose: v.personalDataPurpose as string | null | undefined,
          personalDataLegalBasis: v.personalDataLegalBasis as string | null | undefined,
        },
        today,
      ),
    ),
  hosts: () => [],
  // Only the importer asks this so far: the contacts form and PUT leave it optional.
  contacts: (v) =>
    v.kind === 'maintenance_unit' && v.organisation === null
      ? [{ column: 'organisation', code: 'IMPORT_ROW_REQUIRED' }]
      : [],
};

/** The value that must be unique within the file, and the column to blame; undefined when unreadable. */
const DUPLICATE_KEYS: Record<ImportSheet, (v: Values) => { key: string; column: string } | undefined> = {
  units: (v) => (str(v.code) ? { key: codeKey(str(v.code) ?? ''), column: 'code' } : undefined),
  contracts: (v) => (str(v.number) ? { key: (str(v.number) ?? '').toLowerCase(), column: 'number' } : undefined),
  systems: (v) =>
    str(v.unitCode) && str(v.name)
      ? { key: systemKey(str(v.unitCode) ?? '', str(v.name) ?? ''), column: 'name' }
      : undefined,
  hosts: (v) =>
    str(v.unitCode) && str(v.hostname)
      ? { key: `${codeKey(str(v.unitCode) ?? '')}\u0000${(str(v.hostname) ?? '').toLowerCase()}`, column: 'hostname' }
      : undefined,
  contacts: (v) =>
    str(v.unitCode) && str(v.systemName) && str(v.kind)
      ? { key: `${systemKey(str(v.unitCode) ?? '', str(v.systemName) ?? '')}\u0000${str(v.kind)}`, column: 'kind' }
      : undefined,
};

/** Fills the defaults the create forms use, turning checked values into a typed row. */
function toRow(sheet: ImportSheet, row: number, v: Values): ImportRows[ImportSheet][number] {
  switch (sheet) {
    case 'units':
      return {
        row,
        ...(v as Omit<UnitRow, 'row' | 'unitType'>),
        unitType: (v.unitType ?? (v.parentCode ? 'company' : 'other')) as UnitRow['unitType'],
      } satisfies UnitRow;
    case 'contracts':
      return { row, ...(v as Omit<ContractRow, 'row'>) } satisfies ContractRow;
    case 'systems':
      return {
        row,
        ...(v as Omit<SystemRow, 'row'>),
        kind: (v.kind ?? 'website') as SystemRow['kind'],
        environment: (v.environment ?? 'production') as SystemRow['environment'],
        status: (v.status ?? 'planned') as SystemRow['status'],
        handlesPersonalData: v.handlesPersonalData === 'yes',
      } satisfies SystemRow;
    case 'hosts':
      return {
        row,
        ...(v as Omit<HostRow, 'row'>),
        location: (v.location ?? 'on_premise') as HostRow['location'],
      } satisfies HostRow;
    case 'contacts':
      return { row, ...(v as Omit<ContactRow, 'row'>) } satisfies ContactRow;
  }
}

/** Collects what the file defines, from every row whose key cells read cleanly. */
function collectKeys(partials: Record<ImportSheet, Values[]>): FileKeys {
  const keys: FileKeys = { units: new Map(), contracts: new Map(), systems: new Set() };
  for (const v of partials.units) {
    const code = str(v.code);
    if (code && !keys.units.has(codeKey(code))) {
      keys.units.set(codeKey(code), { isVendor: str(v.parentCode) !== null });
    }
  }
  for (const v of partials.contracts) {
    const number = str(v.number);
    if (number && !keys.contracts.has(number.toLowerCase())) {
      keys.contracts.set(number.toLowerCase(), { unitCode: str(v.unitCode) });
    }
  }
  for (const v of partials.systems) {
    const unitCode = str(v.unitCode);
    const name = str(v.name);
    if (unitCode && name) {
      keys.systems.add(systemKey(unitCode, name));
    }
  }
  return keys;
}

/** The keys of rows already checked (at commit, from the stored rows). */
export function keysOfRows(rows: ImportRows): FileKeys {
  return collectKeys(rows as unknown as Record<ImportSheet, Values[]>);
}

export type CheckedUpload = {
  rows: ImportRows;
  keys: FileKeys;
  errors: ImportRowError[];
  counts: Record<ImportSheet, number>;
};

/** Checks every row of an upload without the database, on the Taipei day `today`. */
export function checkRows(upload: RawUpload, today: string): CheckedUpload {
  const rows = emptyRows();
  const errors: ImportRowError[] = [];
  const partials = Object.fromEntries(IMPORT_SHEETS.map((s) => [s, [] as Values[]])) as Record<ImportSheet, Values[]>;
  const counts = Object.fromEntries(IMPORT_SHEETS.map((s) => [s, 0])) as Record<ImportSheet, number>;
  for (const raw of upload.sheets) {
    const { sheet } = raw;
    counts[sheet] = raw.rows.length;
    for (const column of raw.missingColumns) {
      errors.push({ sheet, row: raw.headerRow, column, code: 'IMPORT_MISSING_COLUMN', value: null });
    }
    const missing = new Set(raw.missingColumns);
    const seen = new Set<string>();
    for (const line of raw.rows) {
      const values: Values = {};
      const issues: Issue[] = [];
      for (const column of IMPORT_COLUMNS[sheet]) {
        if (missing.has(column.key)) {
          continue;
        }
        const result = readCell(column, line.cells[column.key] ?? null);
        if (result.ok) {
          values[column.key] = result.value;
        } else {
          issues.push({ column: column.key, code: result.code, value: result.value });
        }
      }
      issues.push(...ROW_RULES[sheet](values, today));
      const duplicate = DUPLICATE_KEYS[sheet](values);
      if (duplicate) {
        if (seen.has(duplicate.key)) {
          issues.push({ column: duplicate.column, code: 'IMPORT_ROW_DUPLICATE', value: null });
        }
        seen.add(duplicate.key);
      }
      partials[sheet].push(values);
      for (const issue of issues) {
        errors.push({ sheet, row: line.row, column: issue.column, code: issue.code, value: issue.value ?? null });
      }
      if (issues.length === 0 && missing.size === 0) {
        (rows[sheet] as unknown[]).push(toRow(sheet, line.row, values));
      }
    }
  }
  return { rows, keys: collectKeys(partials), errors, counts };
}
