import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, idColumn, timestamptz, updatedAt } from './_columns.js';
import { organisations } from './organisations.js';
import { policyVersions } from './policy.js';
import { hosts, systems } from './registry.js';
import { users } from './users.js';

const emptyTextArray = sql`'{}'::text[]`;

/**
 * One attempt to import a scan file (issue 9): the upload went to the file store, the parse
 * runs, and either a scan exists afterwards or the attempt failed with nothing stored. Kept
 * outside the import's transaction so a poller can see it fail.
 */
export const scanImports = pgTable(
  'scan_imports',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    systemId: uuid('system_id')
      .notNull()
      .references(() => systems.id, { onDelete: 'cascade' }),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    fileName: text('file_name').notNull(),
    /** File-store key of the uploaded bytes; null once a failed import's file is removed. */
    fileKey: text('file_key'),
    fileSize: bigint('file_size', { mode: 'number' }).notNull(),
    fileSha256: text('file_sha256').notNull(),
    status: text('status', { enum: ['running', 'completed', 'failed'] }).notNull(),
    errorCode: text('error_code'),
    errorReason: text('error_reason'),
    bytesParsed: bigint('bytes_parsed', { mode: 'number' }).notNull().default(0),
    findingsParsed: integer('findings_parsed').notNull().default(0),
    scanId: uuid('scan_id'),
    createdAt: createdAt(),
    finishedAt: timestamptz('finished_at'),
  },
  (t) => [index('scan_imports_system_idx').on(t.systemId), index('scan_imports_status_idx').on(t.status)],
);

/** A scan of one system, as one imported file describes it. Written whole or not at all. */
export const scans = pgTable(
  'scans',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    systemId: uuid('system_id')
      .notNull()
      .references(() => systems.id, { onDelete: 'cascade' }),
    importId: uuid('import_id').references(() => scanImports.id, { onDelete: 'set null' }),
    tool: text('tool').notNull(),
    toolVersion: text('tool_version'),
    format: text('format').notNull(),
    startedAt: timestamptz('started_at'),
    finishedAt: timestamptz('finished_at'),
    /** finished_at, else started_at, else the import's instant: what "taken after its last change" compares. */
    takenAt: timestamptz('taken_at').notNull(),
    scope: text('scope').array().notNull().default(emptyTextArray),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    /** The original file in the file store (lib/file-store), with what proves it. */
    fileKey: text('file_key').notNull(),
    fileName: text('file_name').notNull(),
    fileSize: bigint('file_size', { mode: 'number' }).notNull(),
    fileSha256: text('file_sha256').notNull(),
    findingCount: integer('finding_count').notNull().default(0),
    /** New / still open / fixed / reopened / suppressed / verified fixed, by severity. */
    summary: jsonb('summary').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('scans_system_taken_idx').on(t.systemId, t.takenAt), index('scans_org_idx').on(t.orgId)],
);

/**
 * One finding per system and fingerprint (the tool's rule ID plus the normalised asset), kept
 * across scans: first and last seen, its state, its due day and the rule-set version that set it.
 */
export const scanFindings = pgTable(
  'scan_findings',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    systemId: uuid('system_id')
      .notNull()
      .references(() => systems.id, { onDelete: 'cascade' }),
    fingerprint: text('fingerprint').notNull(),
    tool: text('tool').notNull(),
    ruleId: text('rule_id').notNull(),
    title: text('title').notNull(),
    severity: text('severity', { enum: ['critical', 'high', 'medium', 'low', 'info'] }).notNull(),
    /**
     * The severity's place in the list's order (critical 0 … info 4), stored so that the
     * findings list's order and its severity filter read one index (issue 9, 1,000,000 findings).
     */
    severityRank: smallint('severity_rank')
      .notNull()
      .generatedAlwaysAs(
        sql`(case severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 when 'low' then 3 else 4 end)`,
      ),
    toolSeverity: text('tool_severity'),
    cvssScore: real('cvss_score'),
    cvssVector: text('cvss_vector'),
    cves: text('cves').array().notNull().default(emptyTextArray),
    cwes: text('cwes').array().notNull().default(emptyTextArray),
    hostname: text('hostname'),
    ip: text('ip'),
    port: integer('port'),
    protocol: text('protocol'),
    url: text('url'),
    component: text('component'),
    /** The registry host in the system's unit matched by address or name. */
    hostId: uuid('host_id').references(() => hosts.id, { onDelete: 'set null' }),
    description: text('description'),
    solution: text('solution'),
    references: text('references').array().notNull().default(emptyTextArray),
    /** What the tool saw, cut to a bound (scans.import.ts). */
    evidence: text('evidence'),
    toolFindingId: text('tool_finding_id'),
    firstSeenScanId: uuid('first_seen_scan_id')
      .notNull()
      .references(() => scans.id, { onDelete: 'cascade' }),
    lastSeenScanId: uuid('last_seen_scan_id')
      .notNull()
      .references(() => scans.id, { onDelete: 'cascade' }),
    state: text('state', { enum: ['open', 'fixed', 'verified_fixed', 'false_positive', 'risk_accepted'] })
      .notNull()
      .default('open'),
    stateChangedAt: timestamptz('state_changed_at').notNull().defaultNow(),
    fixedInScanId: uuid('fixed_in_scan_id').references(() => scans.id, { onDelete: 'set null' }),
    /** Day it must be fixed by; null for info findings or while no rule is in force. */
    dueOn: date('due_on', { mode: 'string' }),
    policyVersionId: uuid('policy_version_id').references(() => policyVersions.id, { onDelete: 'restrict' }),
    dispositionReason: text('disposition_reason'),
    dispositionApprover: text('disposition_approver'),
    dispositionBy: uuid('disposition_by').references(() => users.id, { onDelete: 'set null' }),
    riskAcceptedUntil: date('risk_accepted_until', { mode: 'string' }),
    ministryApproved: boolean('ministry_approved').notNull().default(false),
    ministryApprovedBy: uuid('ministry_approved_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('scan_findings_system_fingerprint_uq').on(t.systemId, t.fingerprint),
    // The re-import's "open in this system and tool, absent from this scan".
    index('scan_findings_system_tool_state_idx').on(t.systemId, t.tool, t.state),
    // The Ministry-wide list's order (most severe, then nearest due day, then id): a page is an
    // index range, with or without a severity filter (`severity_rank = n`).
    index('scan_findings_list_idx').on(t.severityRank, t.dueOn, t.id),
    // The list's order within a state, and within a tool (each filter alone reads an index range).
    index('scan_findings_state_list_idx').on(t.state, t.severityRank, t.dueOn, t.id),
    index('scan_findings_tool_list_idx').on(t.tool, t.severityRank, t.dueOn, t.id),
    // By unit: a unit's few hundred findings, sorted.
    index('scan_findings_org_state_severity_idx').on(t.orgId, t.state, t.severity),
    index('scan_findings_due_idx').on(t.dueOn),
    index('scan_findings_cves_idx').using('gin', t.cves),
    // The list's text search: title ilike '%q%' or the tool's rule id exactly.
    index('scan_findings_title_trgm_idx').using('gin', sql`${t.title} gin_trgm_ops`),
    index('scan_findings_rule_idx').on(t.ruleId),
    index('scan_findings_risk_expiry_idx')
      .on(t.riskAcceptedUntil)
      .where(sql`${t.state} = 'risk_accepted'`),
  ],
);

/**
 * Findings of running imports, staged before the merge (issue 9): one row per import and
 * fingerprint, written in short transactions while the file is parsed, merged into
 * `scan_findings` by the import's one final transaction, then deleted. Unlogged on disk (the
 * migration): it holds nothing a crash must keep, and the rows of an import a crash
 * interrupted are purged (scans.recovery.ts). No foreign key: a staged row costs no check.
 */
export const scanStage = pgTable(
  'scan_stage',
  {
    importId: uuid('import_id').notNull(),
    fingerprint: text('fingerprint').notNull(),
    ruleId: text('rule_id').notNull(),
    title: text('title').notNull(),
    severity: text('severity').notNull(),
    toolSeverity: text('tool_severity'),
    cvssScore: real('cvss_score'),
    cvssVector: text('cvss_vector'),
    cves: text('cves').array(),
    cwes: text('cwes').array(),
    hostname: text('hostname'),
    ip: text('ip'),
    port: integer('port'),
    protocol: text('protocol'),
    url: text('url'),
    component: text('component'),
    description: text('description'),
    solution: text('solution'),
    refs: text('refs').array(),
    evidence: text('evidence'),
    toolFindingId: text('tool_finding_id'),
    hostId: uuid('host_id'),
  },
  (t) => [primaryKey({ columns: [t.importId, t.fingerprint] })],
);
