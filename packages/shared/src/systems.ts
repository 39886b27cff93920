import { z } from 'zod';
import { orgNameEnField } from './org-names.js';
import { abilities } from './permissions.js';
import { RecordAccessSchema } from './record-access.js';
import { PageQuerySchema } from './pagination.js';
import { DateInputSchema } from './dates.js';
import { IsoDateSchema } from './policy.js';
import {
  ContactKindSchema,
  EnvironmentSchema,
  HostLocationSchema,
  ProtectionLevelSchema,
  SystemKindSchema,
  SystemStatusSchema,
  type SystemStatus,
} from './registry-enums.js';
import { EmailSchema, longTextField as longText, textField } from './text.js';

/**
 * Application systems and websites (items 四, 十, 十三): what a unit runs under a
 * commissioning contract, its contacts and their yearly re-confirmation.
 */

export const MAX_SYSTEM_URLS = 10;
export const MAX_SYSTEM_LINKS = 200;
/** Systems one bulk contact confirmation may cover. */
export const MAX_BULK_CONFIRM = 500;

/** Statuses a system may move to from each status (decommissioning has its own route). */
export const SYSTEM_STATUS_TRANSITIONS = {
  planned: ['pre_launch', 'decommissioned'],
  pre_launch: ['online', 'decommissioned'],
  online: ['decommissioned'],
  decommissioned: [],
} as const satisfies Record<SystemStatus, readonly SystemStatus[]>;

/** Whether a system may go from one status to another; staying put is always allowed. */
export function isSystemStatusChangeAllowed(from: SystemStatus, to: SystemStatus): boolean {
  return from === to || (SYSTEM_STATUS_TRANSITIONS[from] as readonly SystemStatus[]).includes(to);
}

/** An http(s) URL of a system or website, as typed (not rewritten). */
export const SystemUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .pipe(z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' }))
  .describe('Address of the system, http:// or https://');

const urlList = z
  .array(SystemUrlSchema)
  .max(MAX_SYSTEM_URLS)
  .refine((list) => new Set(list.map((u) => u.toLowerCase())).size === list.length, { message: 'duplicate URL' });

const idList = (what: string) =>
  z
    .array(z.uuid())
    .max(MAX_SYSTEM_LINKS)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'duplicate id' })
    .describe(what);

/**
 * A phone number: Taiwanese (02-2345-6789, 0912-345-678, (037)123456) or international
 * (+886 2 2345 6789), optionally with an extension (#123, 分機 123, ext. 123).
 */
export function isValidPhone(input: string): boolean {
  const text = input.trim();
  const match = /^(.*?)(?:\s*(?:#|分機|轉|ext\.?|x)\s*(\d{1,6}))?$/i.exec(text);
  const main = (match?.[1] ?? '').trim();
  if (!/^\+?[\d\s\-()]+$/.test(main) || (main.match(/\+/g) ?? []).length > 1) {
    return false;
  }
  const digits = main.replace(/\D/g, '');
  if (main.startsWith('+')) {
    // E.164: a country code and at most 15 digits in all.
    return digits.length >= 8 && digits.length <= 15 && !digits.startsWith('0');
  }
  // Domestic: a leading 0 (area code or 09 mobile), 9 or 10 digits.
  return /^0\d{8,9}$/.test(digits);
}

export const PhoneSchema = z
  .string()
  .trim()
  .max(40)
  .refine(isValidPhone, { message: 'not a phone number (e.g. 02-2345-6789, 0912-345-678, +886 2 2345 6789)' })
  .describe('Phone number, domestic or +country code, optionally with an extension');

export const SystemContractRefSchema = z.object({
  id: z.uuid().describe('Contract id'),
  number: z.string().describe('Contract number'),
  name: z.string().describe('Contract name'),
});

export const SystemHostRefSchema = z.object({
  id: z.uuid().describe('Host id'),
  hostname: z.string().describe('Host name'),
  ips: z.array(z.string()).describe('Normalised IP addresses'),
  location: HostLocationSchema,
  isActive: z.boolean().describe('Whether the host is in service'),
});

export const SystemSchema = z.object({
  id: z.uuid().describe('System id'),
  orgId: z.uuid().describe('Commissioned unit that runs the system'),
  orgName: z.string().describe('Name of that unit'),
  orgNameEn: orgNameEnField('that unit'),
  name: z.string().describe('Name of the system or website'),
  kind: SystemKindSchema,
  urls: z.array(z.string()).describe('Addresses of the system'),
  environment: EnvironmentSchema,
  status: SystemStatusSchema,
  launchDate: IsoDateSchema.nullable().describe('Day it went online'),
  decommissionDate: IsoDateSchema.nullable().describe('Day it went offline'),
  protectionLevel: ProtectionLevelSchema,
  handlesPersonalData: z.boolean().describe('Whether it collects, processes or uses personal data (item 四)'),
  personalDataCategories: z.string().nullable().describe('Categories of personal data (item 四)'),
  personalDataPurpose: z.string().nullable().describe('Purpose of collection (item 四)'),
  personalDataLegalBasis: z.string().nullable().describe('Legal basis of collection (item 四)'),
  exitPlan: z.string().nullable().describe('Exit mechanism: how it goes offline and what is handed back (item 十三)'),
  description: z.string().nullable().describe('Free description'),
  contractCount: z.number().int().describe('Contracts it belongs to'),
  hostCount: z.number().int().describe('Hosts that serve it'),
  contactCount: z.number().int().describe('Contacts recorded, of the three kinds of item 十'),
  contactsConfirmedAt: z.string().nullable().describe('Last confirmation of the contacts (ISO 8601, UTC)'),
  contactsDueOn: IsoDateSchema.nullable().describe(
    'Day the next confirmation is due (Asia/Taipei); null when never confirmed',
  ),
  isContactsOverdue: z
    .boolean()
    .describe('Contacts never confirmed or past their due day, for a system not decommissioned'),
  policyVersionId: z.uuid().describe('Rule set the re-confirmation interval is taken from'),
  createdAt: z.string().describe('Creation time (ISO 8601, UTC)'),
  updatedAt: z.string().describe('Last update time (ISO 8601, UTC)'),
  can: abilities(['edit', 'decommission', 'editContacts', 'confirmContacts']),
  access: RecordAccessSchema,
});
export type System = z.infer<typeof SystemSchema>;

export const SystemDetailSchema = SystemSchema.extend({
  contracts: z.array(SystemContractRefSchema).describe('Contracts it belongs to'),
  hosts: z.array(SystemHostRefSchema).describe('Hosts that serve it'),
  contactsConfirmedByName: z.string().nullable().describe('Who last confirmed the contacts'),
  policyVersion: z.number().int().describe('Version number of the rule set'),
  contactsIntervalMonths: z.number().int().describe('Re-confirmation interval under that rule set, in months'),
});
export type SystemDetail = z.infer<typeof SystemDetailSchema>;

const personalDataFields = {
  personalDataCategories: longText(1000).nullable().optional().describe('Categories of personal data (item 四)'),
  personalDataPurpose: longText(1000).nullable().optional().describe('Purpose of collection (item 四)'),
  personalDataLegalBasis: longText(1000).nullable().optional().describe('Legal basis of collection (item 四)'),
};

/** The item 四 details a system handling personal data must state. */
export const PERSONAL_DATA_FIELDS = [
  'personalDataCategories',
  'personalDataPurpose',
  'personalDataLegalBasis',
] as const;

/**
 * The Ministry's override of the pre-launch gate (items 四十二, 四十三 (一) 1), on every write
 * that puts a system online: a new system created online, or a move to online.
 */
const launchOverrideField = z
  .object({ reason: longText(2000).describe('Why it may go online despite the pre-launch check') })
  .optional()
  .describe(
    'Ministry only (system.launch-override): lets the system go online although the pre-launch check (items 四十二, 四十三) blocks it; recorded in the audit trail',
  );

export const SystemCreateSchema = z
  .object({
    orgId: z.uuid().describe('Commissioned unit that runs it'),
    name: textField(200).describe('Name of the system or website'),
    kind: SystemKindSchema.default('website'),
    urls: urlList.default([]).describe(`Addresses, at most ${MAX_SYSTEM_URLS}`),
    environment: EnvironmentSchema.default('production'),
    status: z
      .enum(['planned', 'pre_launch', 'online'])
      .default('planned')
      .describe(
        "Starting status; a new system is not decommissioned. Online passes the pre-launch check (no scan yet, so only with the Ministry's launchOverride)",
      ),
    launchDate: DateInputSchema.nullable().optional().describe('Day it went online; today when created online'),
    protectionLevel: ProtectionLevelSchema.default('normal'),
    handlesPersonalData: z.boolean().default(false).describe('Whether it handles personal data (item 四)'),
    ...personalDataFields,
    exitPlan: longText(4000).nullable().optional().describe('Exit mechanism (item 十三)'),
    description: longText(4000).nullable().optional().describe('Free description'),
    contractIds: idList('Contracts of the same unit it belongs to').default([]),
    hostIds: idList('Hosts of the same unit that serve it').default([]),
    launchOverride: launchOverrideField,
  })
  .superRefine((value, ctx) => {
    if (!value.handlesPersonalData) {
      return;
    }
    for (const field of PERSONAL_DATA_FIELDS) {
      if (!value[field]) {
        ctx.addIssue({ code: 'custom', message: 'required when the system handles personal data', path: [field] });
      }
    }
  });
export type SystemCreateInput = z.infer<typeof SystemCreateSchema>;

export const SystemUpdateSchema = z.object({
  name: textField(200).optional().describe('Name of the system or website'),
  kind: SystemKindSchema.optional(),
  urls: urlList.optional().describe(`Addresses, at most ${MAX_SYSTEM_URLS}`),
  environment: EnvironmentSchema.optional(),
  status: z
    .enum(['planned', 'pre_launch', 'online'])
    .optional()
    .describe('planned → pre_launch → online; to decommission, use POST /systems/{id}/decommission'),
  launchDate: DateInputSchema.nullable().optional().describe('Day it went online'),
  protectionLevel: ProtectionLevelSchema.optional(),
  handlesPersonalData: z.boolean().optional().describe('Whether it handles personal data (item 四)'),
  ...personalDataFields,
  exitPlan: longText(4000).nullable().optional().describe('Exit mechanism (item 十三)'),
  description: longText(4000).nullable().optional().describe('Free description'),
  contractIds: idList('Replaces the contracts it belongs to').optional(),
  hostIds: idList('Replaces the hosts that serve it').optional(),
  launchOverride: launchOverrideField,
});
export type SystemUpdateInput = z.infer<typeof SystemUpdateSchema>;

export const SystemDecommissionSchema = z.object({
  date: DateInputSchema.describe('Day it went offline; not after today, not before the launch day'),
  reason: textField(500).describe('Why it goes offline; recorded on the released allocations'),
});
export type SystemDecommissionInput = z.infer<typeof SystemDecommissionSchema>;

export const SystemDecommissionResultSchema = z.object({
  system: SystemDetailSchema,
  releasedAllocations: z
    .array(z.object({ id: z.uuid().describe('Allocation id'), value: z.string().describe('Domain or range') }))
    .describe('Domain/IP allocations released with it (item 十一)'),
});
export type SystemDecommissionResult = z.infer<typeof SystemDecommissionResultSchema>;

const booleanFilter = z.enum(['true', 'false']);

export const SystemListQuerySchema = PageQuerySchema.extend({
  orgId: z.uuid().optional().describe('Only systems of this unit'),
  status: SystemStatusSchema.optional().describe('Only systems in this status'),
  protectionLevel: ProtectionLevelSchema.optional().describe('Only systems of this protection level'),
  environment: EnvironmentSchema.optional().describe('Only systems in this environment'),
  kind: SystemKindSchema.optional().describe('Only websites or only application systems'),
  contractId: z.uuid().optional().describe('Only systems of this contract'),
  hostId: z.uuid().optional().describe('Only systems served by this host'),
  handlesPersonalData: booleanFilter
    .optional()
    .describe('Only systems that do (true) or do not (false) handle personal data'),
  contactsOverdue: booleanFilter
    .optional()
    .describe('true: contacts never confirmed or past due (decommissioned systems excluded); false: up to date'),
});
export type SystemListQuery = z.infer<typeof SystemListQuerySchema>;

/* ---------------------------------------------------------------- contacts (item 十) */

export const SystemContactSchema = z.object({
  id: z.uuid().describe('Contact id'),
  kind: ContactKindSchema,
  name: z.string().describe('Person or, for the maintenance unit, contact person'),
  organisation: z.string().nullable().describe('Organisation (for the maintenance unit: the company)'),
  title: z.string().nullable().describe('Job title'),
  phone: z.string().describe('Phone number'),
  email: z.string().describe('E-mail address'),
  updatedAt: z.string().describe('Last update time (ISO 8601, UTC)'),
  updatedByName: z.string().nullable().describe('Who last changed it'),
});
export type SystemContact = z.infer<typeof SystemContactSchema>;

export const SystemContactsSchema = z.object({
  systemId: z.uuid().describe('System id'),
  contacts: z.array(SystemContactSchema).describe('Recorded contacts, in the order of item 十'),
  missingKinds: z.array(ContactKindSchema).describe('Kinds not recorded yet; confirmation needs none missing'),
  confirmedAt: z.string().nullable().describe('Last confirmation (ISO 8601, UTC)'),
  confirmedByName: z.string().nullable().describe('Who last confirmed'),
  dueOn: IsoDateSchema.nullable().describe('Day the next confirmation is due (Asia/Taipei)'),
  isOverdue: z.boolean().describe('Never confirmed or past the due day'),
  intervalMonths: z.number().int().describe('Re-confirmation interval of the rule set, in months'),
  policyVersion: z.number().int().describe('Version number of that rule set'),
  can: abilities(['edit', 'confirm']),
});
export type SystemContacts = z.infer<typeof SystemContactsSchema>;

export const ContactKindParamSchema = z.object({
  id: z.uuid().describe('System id'),
  kind: ContactKindSchema,
});

export const SystemContactUpsertSchema = z.object({
  name: textField(100).describe('Name of the person'),
  organisation: textField(200).nullable().optional().describe('Organisation; for the maintenance unit, required'),
  title: textField(100).nullable().optional().describe('Job title'),
  phone: PhoneSchema,
  email: EmailSchema,
});
export type SystemContactUpsertInput = z.infer<typeof SystemContactUpsertSchema>;

export const SystemContactsBulkConfirmSchema = z.object({
  systemIds: z
    .array(z.uuid())
    .min(1)
    .max(MAX_BULK_CONFIRM)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'duplicate id' })
    .describe(`Systems whose contacts are confirmed together, at most ${MAX_BULK_CONFIRM}; all or none`),
});
export type SystemContactsBulkConfirmInput = z.infer<typeof SystemContactsBulkConfirmSchema>;

export const SystemContactsBulkConfirmResultSchema = z.object({
  confirmedAt: z.string().describe('Confirmation time (ISO 8601, UTC)'),
  items: z
    .array(z.object({ id: z.uuid().describe('System id'), dueOn: IsoDateSchema.describe('Next due day') }))
    .describe('The confirmed systems with their next due day'),
});
export type SystemContactsBulkConfirmResult = z.infer<typeof SystemContactsBulkConfirmResultSchema>;

export const ContactsOverdueSummaryQuerySchema = PageQuerySchema.describe(
  'q searches unit names (zh-TW and English) and codes',
);
export type ContactsOverdueSummaryQuery = z.infer<typeof ContactsOverdueSummaryQuerySchema>;

export const ContactsOverdueUnitSchema = z.object({
  orgId: z.uuid().describe('Unit id'),
  orgCode: z.string().describe('Unit code'),
  orgName: z.string().describe('Unit name'),
  orgNameEn: orgNameEnField('the unit'),
  systemCount: z.number().int().describe('Systems of the unit that are not decommissioned'),
  overdueCount: z.number().int().describe('Of those, systems whose contacts are overdue'),
  neverConfirmedCount: z.number().int().describe('Of the overdue, systems never confirmed'),
  oldestDueOn: IsoDateSchema.nullable().describe('Earliest due day among the overdue ones that were confirmed once'),
});

export const ContactsOverdueSummarySchema = z.object({
  items: z.array(ContactsOverdueUnitSchema).describe('Units with overdue systems, most overdue first'),
  total: z.number().int().describe('Units with overdue systems'),
  page: z.number().int().describe('1-based page number'),
  pageSize: z.number().int().describe('Rows per page'),
  overdueSystems: z.number().int().describe('Overdue systems over all units in scope'),
  activeSystems: z.number().int().describe('Systems not decommissioned over all units in scope'),
});
export type ContactsOverdueSummary = z.infer<typeof ContactsOverdueSummarySchema>;
