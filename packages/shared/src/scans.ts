import { z } from 'zod';
import { DateInputSchema } from './dates.js';
import { PageQuerySchema } from './pagination.js';
import { abilities } from './permissions.js';
import { RecordAccessSchema } from './record-access.js';
import { longTextField, textField } from './text.js';

/**
 * Vulnerability scans and their findings (issue 9; items 九, 十七, 四十二, 四十三): what an
 * import reports, the findings list and its filters, the lifecycle of a finding, and the
 * pre-launch gate's blockers.
 */

export const FINDING_SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export const FindingSeveritySchema = z.enum(FINDING_SEVERITIES).describe('Severity, as the tool rated it');
export type FindingSeverity = z.infer<typeof FindingSeveritySchema>;

/** open → fixed (absent from a later scan of the same scope) → verified_fixed (absent again); or disposed of. */
export const FINDING_STATES = ['open', 'fixed', 'verified_fixed', 'false_positive', 'risk_accepted'] as const;
export const FindingStateSchema = z.enum(FINDING_STATES).describe('Where the finding is in its lifecycle');
export type FindingState = z.infer<typeof FindingStateSchema>;

/** How one import classified what it saw, against what the system's earlier scans held. */
export const SCAN_CLASSES = ['new', 'stillOpen', 'fixed', 'reopened', 'suppressed'] as const;

const bySeverity = z
  .object({
    critical: z.number().int(),
    high: z.number().int(),
    medium: z.number().int(),
    low: z.number().int(),
    info: z.number().int(),
  })
  .describe('Counts by severity');
export type CountsBySeverity = z.infer<typeof bySeverity>;

export const ScanSummarySchema = z
  .object({
    new: bySeverity.describe('Findings never seen in this system before'),
    stillOpen: bySeverity.describe('Open findings seen again'),
    fixed: bySeverity.describe('Open findings of the same tool absent from this scan'),
    reopened: bySeverity.describe('Fixed findings that came back'),
    suppressed: bySeverity.describe('Findings seen again that stay false positive or risk accepted'),
    verifiedFixed: bySeverity.describe('Fixed findings this scan confirms absent again'),
  })
  .describe('What an import found, by class and severity');
export type ScanSummary = z.infer<typeof ScanSummarySchema>;

export const ScanSchema = z.object({
  id: z.uuid().describe('Scan id'),
  orgId: z.uuid().describe('Unit the scanned system belongs to'),
  systemId: z.uuid().describe('Scanned system'),
  systemName: z.string().describe('Name of the scanned system'),
  tool: z.string().describe('Scanner, e.g. OWASP ZAP'),
  toolVersion: z.string().nullable().describe('Scanner version'),
  format: z.string().describe('File format detected from the content'),
  startedAt: z.iso.datetime({ offset: true }).nullable().describe('When the scan started, as the file says'),
  finishedAt: z.iso.datetime({ offset: true }).nullable().describe('When the scan finished, as the file says'),
  takenAt: z.iso.datetime({ offset: true }).describe('When the scan counts as taken: its finish, start, or the import'),
  scope: z.array(z.string()).describe('Targets as the tool lists them'),
  uploadedByName: z.string().nullable().describe('Who imported it'),
  fileName: z.string().describe('Name of the uploaded file'),
  fileSize: z.number().int().describe('Size of the uploaded file in bytes'),
  fileSha256: z.string().describe('SHA-256 of the uploaded file, hex'),
  findingCount: z.number().int().describe('Distinct findings in the file'),
  summary: ScanSummarySchema,
  createdAt: z.iso.datetime({ offset: true }).describe('When it was imported'),
  access: RecordAccessSchema,
});
export type Scan = z.infer<typeof ScanSchema>;

export const SCAN_IMPORT_STATUSES = ['running', 'completed', 'failed'] as const;
export const ScanImportSchema = z.object({
  id: z.uuid().describe('Import id'),
  systemId: z.uuid().describe('System imported into'),
  fileName: z.string().describe('Name of the uploaded file'),
  fileSize: z.number().int().describe('Bytes received'),
  fileSha256: z.string().describe('SHA-256 of the uploaded file, hex'),
  status: z.enum(SCAN_IMPORT_STATUSES).describe('running, completed, or failed (nothing stored)'),
  bytesParsed: z.number().int().describe('Bytes of the file parsed so far'),
  findingsParsed: z.number().int().describe('Findings read so far'),
  errorCode: z.string().nullable().describe('Why it failed: an error code such as SCAN_FILE_INVALID'),
  errorReason: z.string().nullable().describe('The refusal reason key (doctype, truncated, not_utf8, …)'),
  scan: ScanSchema.nullable().describe('The stored scan, once completed'),
  createdAt: z.iso.datetime({ offset: true }).describe('When the upload started'),
});
export type ScanImport = z.infer<typeof ScanImportSchema>;

export const ScanImportQuerySchema = z.object({
  systemId: z.uuid().describe('System the scan is of'),
  wait: z
    .enum(['true', 'false'])
    .default('false')
    .describe('true: answer when the import has finished (CI pipelines); false: answer 202 at once and poll'),
});
export type ScanImportQuery = z.infer<typeof ScanImportQuerySchema>;

export const ScanListQuerySchema = PageQuerySchema.extend({
  systemId: z.uuid().optional().describe('Only scans of this system'),
  orgId: z.uuid().optional().describe('Only scans of this unit'),
});
export type ScanListQuery = z.infer<typeof ScanListQuerySchema>;

export const FindingSchema = z.object({
  id: z.uuid().describe('Finding id'),
  orgId: z.uuid().describe('Unit of the system'),
  orgName: z.string().describe('Name of the unit'),
  orgNameEn: z.string().nullable().describe('English name of the unit, when it has one'),
  systemId: z.uuid().describe('System'),
  systemName: z.string().describe('Name of the system'),
  tool: z.string().describe('Scanner that reported it'),
  ruleId: z.string().describe("The tool's rule or plugin id"),
  title: z.string().describe('Title'),
  severity: FindingSeveritySchema,
  toolSeverity: z.string().nullable().describe('Severity as the tool wrote it'),
  cvssScore: z.number().nullable().describe('CVSS base score'),
  cvssVector: z.string().nullable().describe('CVSS vector'),
  cves: z.array(z.string()).describe('Every CVE named'),
  cwes: z.array(z.string()).describe('Every CWE named'),
  hostname: z.string().nullable().describe('Affected host name'),
  ip: z.string().nullable().describe('Affected address'),
  port: z.number().int().nullable().describe('Affected port'),
  protocol: z.string().nullable().describe('Protocol'),
  url: z.string().nullable().describe('Affected URL'),
  component: z.string().nullable().describe('Affected package, file or component'),
  hostId: z.uuid().nullable().describe("The registry host matched by address or name in the system's unit"),
  state: FindingStateSchema,
  dueOn: z
    .string()
    .nullable()
    .describe('Day it must be fixed by (remediation policy); none for info or without a rule'),
  isOverdue: z.boolean().describe('Open (or accepted without Ministry approval) past its due day'),
  firstSeenAt: z.iso.datetime({ offset: true }).describe('When it was first imported'),
  lastSeenScanId: z.uuid().describe('Latest scan that reported it'),
  dispositionReason: z.string().nullable().describe('Why it is a false positive or an accepted risk'),
  dispositionApprover: z.string().nullable().describe('Who approved the false positive or risk acceptance'),
  riskAcceptedUntil: z.string().nullable().describe('Day a risk acceptance expires; the finding reopens after it'),
  ministryApproved: z
    .boolean()
    .describe('Whether the Ministry approved the risk acceptance (counts as closed for the gate)'),
  can: abilities(['dispose', 'approve']),
  access: RecordAccessSchema,
});
export type Finding = z.infer<typeof FindingSchema>;

export const FindingDetailSchema = FindingSchema.extend({
  description: z.string().nullable().describe('Description'),
  solution: z.string().nullable().describe('Solution'),
  references: z.array(z.string()).describe('References'),
  evidence: z.string().nullable().describe('What the tool saw (bounded)'),
  toolFindingId: z.string().nullable().describe("The tool's id of this occurrence"),
  policyVersion: z.number().int().nullable().describe('Rule-set version that set the due day'),
});
export type FindingDetail = z.infer<typeof FindingDetailSchema>;

const booleanFilter = z.enum(['true', 'false']);

export const FindingListQuerySchema = PageQuerySchema.extend({
  systemId: z.uuid().optional().describe('Only findings of this system'),
  orgId: z.uuid().optional().describe('Only findings of this unit'),
  severity: FindingSeveritySchema.optional().describe('Only this severity'),
  state: FindingStateSchema.optional().describe('Only this state'),
  overdue: booleanFilter.optional().describe('true: only overdue findings; false: only those not overdue'),
  cve: z
    .string()
    .trim()
    .regex(/^CVE-\d{4}-\d{4,}$/i)
    .transform((v) => v.toUpperCase())
    .optional()
    .describe('Only findings naming this CVE'),
  tool: z.string().trim().max(100).optional().describe('Only findings of this tool'),
});
export type FindingListQuery = z.infer<typeof FindingListQuerySchema>;

export const FalsePositiveSchema = z.object({
  reason: longTextField(2000).describe('Why the finding is not real'),
  approver: textField(200).describe('Who approved it (name and title)'),
});
export type FalsePositiveInput = z.infer<typeof FalsePositiveSchema>;

export const RiskAcceptanceSchema = z.object({
  reason: longTextField(2000).describe('Why the risk is accepted, and the compensating measures'),
  approver: textField(200).describe('Who approved it (name and title)'),
  expiresOn: DateInputSchema.describe('Day the acceptance ends; the finding reopens after it'),
});
export type RiskAcceptanceInput = z.infer<typeof RiskAcceptanceSchema>;

export const MinistryApprovalSchema = z.object({
  approved: z.boolean().describe('Whether the Ministry approves the risk acceptance'),
});
export type MinistryApprovalInput = z.infer<typeof MinistryApprovalSchema>;

export const FindingReopenSchema = z.object({
  reason: longTextField(2000).describe('Why the finding is open again'),
});
export type FindingReopenInput = z.infer<typeof FindingReopenSchema>;

/** One thing that keeps a system from going online (items 四十二, 四十三 (一) 1). */
export const LaunchBlockerSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('no_scan').describe('No scan of the system was imported') }),
    z.object({
      kind: z.literal('scan_outdated').describe('The latest scan predates the last change of the system'),
      lastScanAt: z.iso.datetime({ offset: true }).describe('When the latest scan was taken'),
      lastChangeAt: z.iso.datetime({ offset: true }).describe('When the system last changed'),
    }),
    z.object({
      kind: z.literal('open_findings').describe('Open Critical or High findings'),
      count: z.number().int().describe('How many'),
      findings: z
        .array(z.object({ id: z.uuid(), title: z.string(), severity: FindingSeveritySchema }))
        .describe('The first of them (up to 50)'),
    }),
  ])
  .describe('A reason the system may not go online');
export type LaunchBlocker = z.infer<typeof LaunchBlockerSchema>;

export const LaunchCheckSchema = z.object({
  systemId: z.uuid().describe('System'),
  allowed: z.boolean().describe('Whether it may go online'),
  blockers: z.array(LaunchBlockerSchema).describe('What blocks it, if anything'),
});
export type LaunchCheck = z.infer<typeof LaunchCheckSchema>;

export const LaunchCheckQuerySchema = z.object({ systemId: z.uuid().describe('System to check') });
