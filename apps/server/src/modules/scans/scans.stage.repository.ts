import { sql } from 'drizzle-orm';
import type { FindingSeverity } from '@custodian/shared';
import { queryRows, type Executor } from '../../db/client.js';
import { matchingHostIdSql } from '../hosts/hosts.sql.js';

/*
 * The set-based half of an import (issue 9): findings are staged in `scan_stage` under the
 * import's id, in batches of one multi-row insert each, each its own short transaction (the
 * database serves other requests between them); then the import's one final transaction
 * classifies and merges them into `scan_findings` with a handful of statements over the whole
 * scan, never one query per finding, and the staged rows are deleted. Staged rows are never
 * read by anything but their import, so a scan is visible only once the final transaction
 * commits. A crash leaves staged rows behind, which scans.recovery.ts purges.
 */

/** One finding as staged: the parser's finding, normalised and bounded, with its fingerprint. */
export type StagedFinding = {
  fingerprint: string;
  rule_id: string;
  title: string;
  severity: FindingSeverity;
  tool_severity: string | null;
  cvss_score: number | null;
  cvss_vector: string | null;
  cves: string[];
  cwes: string[];
  hostname: string | null;
  ip: string | null;
  port: number | null;
  protocol: string | null;
  url: string | null;
  component: string | null;
  description: string | null;
  solution: string | null;
  refs: string[];
  evidence: string | null;
  tool_finding_id: string | null;
};

/** An instant as a timestamptz parameter (the same text on both drivers). */
const stamp = (d: Date) => sql`${d.toISOString()}::timestamptz`;

const STAGE_COLUMNS = sql.raw(`fingerprint text, rule_id text, title text, severity text, tool_severity text,
  cvss_score real, cvss_vector text, cves text[], cwes text[], hostname text, ip text, port integer,
  protocol text, url text, component text, description text, solution text, refs text[], evidence text,
  tool_finding_id text`);

/**
 * Stages one batch with one statement (its own transaction when `db` is not one): the batch
 * travels as one JSON parameter, expanded by `json_to_recordset`. A fingerprint seen earlier
 * in the file keeps its first occurrence.
 */
export async function stageFindings(db: Executor, importId: string, batch: readonly StagedFinding[]): Promise<void> {
  if (batch.length === 0) {
    return;
  }
  await db.execute(sql`insert into scan_stage (import_id, fingerprint, rule_id, title, severity, tool_severity,
      cvss_score, cvss_vector, cves, cwes, hostname, ip, port, protocol, url, component, description, solution, refs,
      evidence, tool_finding_id)
    select distinct on (x.fingerprint) ${importId}::uuid, x.*
    from json_to_recordset(${JSON.stringify(batch)}::json) as x(${STAGE_COLUMNS})
    on conflict (import_id, fingerprint) do nothing`);
}

/** Arbitrary constant ('SCAN') of the advisory locks of this module. */
export const SCAN_LOCK_CLASS = 0x5343414e;

/** Serialises the merges into one system's findings, until the transaction ends. */
export async function lockSystemFindings(tx: Executor, systemId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${SCAN_LOCK_CLASS}, hashtext(${systemId}))`);
}

/** Deletes an import's staged rows (after its merge, or when it failed). */
export async function deleteStage(db: Executor, importId: string): Promise<void> {
  await db.execute(sql`delete from scan_stage where import_id = ${importId}`);
}

/** Deletes the staged rows of every import not running any more (completed, failed or gone). */
export async function purgeStaleStage(db: Executor): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`with gone as (
        delete from scan_stage s
        where not exists (select 1 from scan_imports i where i.id = s.import_id and i.status = 'running')
        returning 1)
      select count(*)::int as n from gone`,
  );
  return Number(rows[0]?.n ?? 0);
}

/** Matches an import's staged findings to the registry hosts of the system's unit, by address or name. */
export async function matchStagedHosts(db: Executor, importId: string, orgId: string): Promise<void> {
  await db.execute(sql`update scan_stage s
    set host_id = ${matchingHostIdSql({ orgId, ip: sql`s.ip`, hostname: sql`s.hostname` })}
    where s.import_id = ${importId} and (s.ip is not null or s.hostname is not null)`);
}

export type ClassCount = { class: string; severity: FindingSeverity; n: number };

/**
 * How the staged findings compare with the system's findings before the merge: new, still
 * open, reopened (fixed or verified fixed before), or suppressed (false positive or accepted
 * risk, which stay so), counted by severity.
 */
export async function classifyStage(tx: Executor, importId: string, systemId: string): Promise<ClassCount[]> {
  return queryRows<ClassCount>(
    tx,
    sql`select case when f.id is null then 'new'
          when f.state = 'open' then 'stillOpen'
          when f.state in ('fixed', 'verified_fixed') then 'reopened'
          else 'suppressed' end as class,
        s.severity, count(*)::int as n
      from scan_stage s
      left join scan_findings f on f.system_id = ${systemId} and f.fingerprint = s.fingerprint
      where s.import_id = ${importId}
      group by 1, 2`,
  );
}

type ScopeInput = {
  importId: string;
  systemId: string;
  tool: string;
  scanId: string;
  now: Date;
  /** The scan's declared targets, normalised (`scopeHosts`): host names (lower case) and addresses. */
  scope: readonly string[];
};

/**
 * Whether the scan covered finding `f`'s asset, i.e. whether its absence from this scan says
 * anything: its host (address or name) is among the scan's declared targets or among the hosts
 * it reported findings on. A finding with no host (a component, a file) belongs to the whole
 * system: any scan of that tool covers it. The hosts' subqueries are uncorrelated: each becomes
 * one hashed subplan per statement (a correlated EXISTS under an OR would run once per finding).
 */
function coveredByScan(input: ScopeInput) {
  return sql`((f.ip is null and f.hostname is null)
    or f.ip = any(${sql.param(input.scope)}::text[]) or f.hostname = any(${sql.param(input.scope)}::text[])
    or f.ip in (select s.ip from scan_stage s where s.import_id = ${input.importId} and s.ip is not null)
    or f.hostname in (select s.hostname from scan_stage s where s.import_id = ${input.importId} and s.hostname is not null))`;
}

/**
 * Findings fixed by an earlier scan of this system and tool, on an asset this scan covered,
 * and absent again from it: verified fixed. Runs before `markFixed`, so a finding fixed by
 * this scan is not verified by it.
 */
export async function markVerifiedFixed(tx: Executor, input: ScopeInput): Promise<ClassCount[]> {
  return queryRows<ClassCount>(
    tx,
    sql`with changed as (
        update scan_findings f set state = 'verified_fixed', state_changed_at = ${stamp(input.now)}, updated_at = ${stamp(input.now)}
        where f.system_id = ${input.systemId} and f.tool = ${input.tool} and f.state = 'fixed'
          and not exists (select 1 from scan_stage s where s.import_id = ${input.importId} and s.fingerprint = f.fingerprint)
          and ${coveredByScan(input)}
        returning f.severity)
      select 'verifiedFixed' as class, severity, count(*)::int as n from changed group by severity`,
  );
}

/**
 * Findings open in this system and tool, on an asset this scan covered, and absent from it:
 * fixed by it. A finding on a host outside the scan's targets stays open.
 */
export async function markFixed(tx: Executor, input: ScopeInput): Promise<ClassCount[]> {
  return queryRows<ClassCount>(
    tx,
    sql`with changed as (
        update scan_findings f set state = 'fixed', fixed_in_scan_id = ${input.scanId},
          state_changed_at = ${stamp(input.now)}, updated_at = ${stamp(input.now)}
        where f.system_id = ${input.systemId} and f.tool = ${input.tool} and f.state = 'open'
          and not exists (select 1 from scan_stage s where s.import_id = ${input.importId} and s.fingerprint = f.fingerprint)
          and ${coveredByScan(input)}
        returning f.severity)
      select 'fixed' as class, severity, count(*)::int as n from changed group by severity`,
  );
}

export type MergeInput = ScopeInput & {
  orgId: string;
  /** The import's Taipei day, from which due days count. */
  today: string;
  /** Days to fix by severity from the rule set in force, or null when it holds none. */
  remediationDays: Partial<Record<FindingSeverity, number>> | null;
  policyVersionId: string;
};

/**
 * Merges the stage into the system's findings in one statement: a new finding is inserted
 * open with its due day; one seen before takes this scan's details and last-seen scan, and
 * reopens (with a new due day) if it had been fixed; false positives and accepted risks stay so.
 */
export async function mergeStage(tx: Executor, input: MergeInput): Promise<void> {
  const days = JSON.stringify(input.remediationDays ?? {});
  await tx.execute(sql`insert into scan_findings (org_id, system_id, fingerprint, tool, rule_id, title, severity,
      tool_severity, cvss_score, cvss_vector, cves, cwes, hostname, ip, port, protocol, url, component, host_id,
      description, solution, "references", evidence, tool_finding_id, first_seen_scan_id, last_seen_scan_id, state,
      state_changed_at, due_on, policy_version_id, created_at, updated_at)
    select ${input.orgId}, ${input.systemId}, s.fingerprint, ${input.tool}, s.rule_id, s.title, s.severity,
      s.tool_severity, s.cvss_score, s.cvss_vector, coalesce(s.cves, '{}'), coalesce(s.cwes, '{}'), s.hostname, s.ip,
      s.port, s.protocol, s.url, s.component, s.host_id, s.description, s.solution, coalesce(s.refs, '{}'),
      s.evidence, s.tool_finding_id, ${input.scanId}, ${input.scanId}, 'open', ${stamp(input.now)},
      ${input.today}::date + (d.days ->> s.severity)::int,
      case when d.days ? s.severity then ${input.policyVersionId}::uuid end,
      ${stamp(input.now)}, ${stamp(input.now)}
    from scan_stage s cross join (select ${days}::jsonb as days) d
    where s.import_id = ${input.importId}
    on conflict (system_id, fingerprint) do update set
      rule_id = excluded.rule_id, title = excluded.title, severity = excluded.severity,
      tool_severity = excluded.tool_severity, cvss_score = excluded.cvss_score, cvss_vector = excluded.cvss_vector,
      cves = excluded.cves, cwes = excluded.cwes, hostname = excluded.hostname, ip = excluded.ip,
      port = excluded.port, protocol = excluded.protocol, url = excluded.url, component = excluded.component,
      host_id = excluded.host_id, description = excluded.description, solution = excluded.solution,
      "references" = excluded."references", evidence = excluded.evidence, tool_finding_id = excluded.tool_finding_id,
      last_seen_scan_id = excluded.last_seen_scan_id,
      state = case when scan_findings.state in ('fixed', 'verified_fixed') then 'open' else scan_findings.state end,
      state_changed_at = case when scan_findings.state in ('fixed', 'verified_fixed')
        then excluded.state_changed_at else scan_findings.state_changed_at end,
      fixed_in_scan_id = case when scan_findings.state in ('fixed', 'verified_fixed')
        then null else scan_findings.fixed_in_scan_id end,
      due_on = case when scan_findings.state in ('fixed', 'verified_fixed')
        then excluded.due_on else scan_findings.due_on end,
      policy_version_id = case when scan_findings.state in ('fixed', 'verified_fixed')
        then excluded.policy_version_id else scan_findings.policy_version_id end,
      updated_at = excluded.updated_at`);
}
