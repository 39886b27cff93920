import type {
  ContactKind,
  ContractType,
  Environment,
  HostLocation,
  ImportRowError,
  ImportSheet,
  ProtectionLevel,
  SystemKind,
  SystemStatus,
  UnitType,
} from '@custodian/shared';

/**
 * Rows of an upload after their cells were read and checked, as a preview job stores them
 * until commit. References stay as codes, numbers and names: the commit resolves them
 * again against the database as it is then.
 */
export type UnitRow = {
  row: number;
  code: string;
  name: string;
  nameEn: string | null;
  unitType: UnitType;
  /** Set for a vendor: the code of its unit. */
  parentCode: string | null;
};

export type ContractRow = {
  row: number;
  number: string;
  name: string;
  type: ContractType;
  divisionCode: string;
  ownerEmail: string | null;
  unitCode: string;
  periodStart: string;
  periodEnd: string;
  amount: number | null;
  subcontractorCodes: string[];
  notes: string | null;
};

export type SystemRow = {
  row: number;
  unitCode: string;
  name: string;
  kind: SystemKind;
  urls: string[];
  environment: Environment;
  status: SystemStatus;
  launchDate: string | null;
  decommissionDate: string | null;
  protectionLevel: ProtectionLevel;
  handlesPersonalData: boolean;
  personalDataCategories: string | null;
  personalDataPurpose: string | null;
  personalDataLegalBasis: string | null;
  exitPlan: string | null;
  description: string | null;
  contractNumbers: string[];
};

export type HostRow = {
  row: number;
  unitCode: string;
  hostname: string;
  ips: string[];
  os: string | null;
  role: string | null;
  location: HostLocation;
  site: string | null;
  systemNames: string[];
  notes: string | null;
};

export type ContactRow = {
  row: number;
  unitCode: string;
  systemName: string;
  kind: ContactKind;
  name: string;
  organisation: string | null;
  title: string | null;
  phone: string;
  email: string;
};

export type ImportRows = {
  units: UnitRow[];
  contracts: ContractRow[];
  systems: SystemRow[];
  hosts: HostRow[];
  contacts: ContactRow[];
};

/** What the file itself defines, so a row may refer to another row of the same upload. */
export type FileKeys = {
  /** `codeKey` of the unit and vendor codes of the 單位 sheet; isVendor when a parent code is given. */
  units: Map<string, { isVendor: boolean }>;
  /** Lower-cased contract numbers with the code of their unit. */
  contracts: Map<string, { unitCode: string | null }>;
  /** `systemKey(unitCode, name)` of the 系統 sheet. */
  systems: Set<string>;
};

/** The key an organisation code is known by: codes compare without case, as the unique index does. */
export const codeKey = (code: string) => code.toLowerCase();

/** The key a system is known by within its unit: codes and names compare without case. */
export const systemKey = (unitCode: string, name: string) => `${codeKey(unitCode)}\u0000${name.trim().toLowerCase()}`;

export const emptyRows = (): ImportRows => ({ units: [], contracts: [], systems: [], hosts: [], contacts: [] });

export type RowErrors = ImportRowError[];
export type SheetCounts = Record<ImportSheet, number>;
