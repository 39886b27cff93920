import { createHash, randomUUID } from 'node:crypto';
import { and, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import { sectionInForce, type Finding, type FindingSeverity, type PentestFindingCreate } from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import { organisations, policyVersions, scanFindings, scanImports, scans, systems } from '../../db/schema/index.js';
import type { Viewer } from '../../lib/permissions.js';
import { policyInForce } from '../../lib/policy.js';
import type { FindingRow } from './findings.repository.js';
import { presentFinding } from './scans.presenter.js';

/*
 * Findings that come from elsewhere than a scan file (issue 9 item 7): a penetration test's
 * findings entered by hand, and a retest's verdicts. They live with the imported findings, so
 * they share the lifecycle, the due days, the overdue list, the calendar and the launch gate.
 *
 * Every finding is first seen in a scan, so the findings entered for one record (an engagement)
 * count as first seen in a "manual" scan of it: format `manual`, tool `pentest`, no file (its
 * file columns name the record). A manual scan is not a vulnerability scan: the launch gate's
 * "scan after the last change" and the calendar's scan duty ignore it. Re-imports never mark a
 * manual finding fixed: they close only their own tool's findings.
 */

/** The format of scans recorded by hand; the tool of their findings. */
export const MANUAL_SCAN_FORMAT = 'manual';
export const MANUAL_FINDING_TOOL = 'pentest';

const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

/** The due day of a finding of `severity` first reported on `today`, by the scans section in force then. */
async function dueOf(db: Executor, severity: FindingSeverity, today: string) {
  const policy = await policyInForce(db, today);
  const days = (sectionInForce(policy.rules, 'scans')?.remediationDays ?? null) as Partial<
    Record<FindingSeverity, number>
  > | null;
  const n = days?.[severity];
  if (n === undefined) {
    return { dueOn: null, policyVersionId: null };
  }
  const day = new Date(`${today}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + n);
  return { dueOn: day.toISOString().slice(0, 10), policyVersionId: policy.id };
}

/** Records a manual scan of a system for a record (`label`: what it is, e.g. 滲透測試：name), taken at `takenAt`. */
export async function recordManualScan(
  db: Executor,
  input: { orgId: string; systemId: string; label: string; takenAt: Date; uploadedBy: string | null; now: Date },
): Promise<string> {
  const [row] = await db
    .insert(scans)
    .values({
      orgId: input.orgId,
      systemId: input.systemId,
      tool: MANUAL_FINDING_TOOL,
      format: MANUAL_SCAN_FORMAT,
      takenAt: input.takenAt,
      uploadedBy: input.uploadedBy,
      fileKey: `manual:${randomUUID()}`,
      fileName: input.label.slice(0, 200),
      fileSize: 0,
      fileSha256: EMPTY_SHA256,
      summary: {},
      createdAt: input.now,
    })
    .returning({ id: scans.id });
  if (!row) {
    throw new Error('manual scan not inserted');
  }
  return row.id;
}

/**
 * Adds a finding entered by hand to a system, first seen in the manual scan `scanId`: open,
 * due by the scans section in force on `today`. Returns its id. Runs on the caller's
 * transaction.
 */
export async function addManualFinding(
  db: Executor,
  input: { orgId: string; systemId: string; scanId: string; finding: PentestFindingCreate; today: string; now: Date },
): Promise<string> {
  const { finding } = input;
  const due =
    finding.severity === 'info'
      ? { dueOn: null, policyVersionId: null }
      : await dueOf(db, finding.severity, input.today);
  const [row] = await db
    .insert(scanFindings)
    .values({
      orgId: input.orgId,
      systemId: input.systemId,
      fingerprint: `manual:${randomUUID()}`,
      tool: MANUAL_FINDING_TOOL,
      ruleId: 'manual',
      title: finding.title,
      severity: finding.severity,
      cvssScore: finding.cvssScore ?? null,
      cves: finding.cves ?? [],
      cwes: finding.cwes ?? [],
      hostname: finding.hostname ?? null,
      ip: finding.ip ?? null,
      port: finding.port ?? null,
      url: finding.url ?? null,
      description: finding.description ?? null,
      solution: finding.solution ?? null,
      evidence: finding.evidence ?? null,
      firstSeenScanId: input.scanId,
      lastSeenScanId: input.scanId,
      state: 'open',
      stateChangedAt: input.now,
      dueOn: due.dueOn,
      policyVersionId: due.policyVersionId,
      createdAt: input.now,
      updatedAt: input.now,
    })
    .returning({ id: scanFindings.id });
  if (!row) {
    throw new Error('finding not inserted');
  }
  await db
    .update(scans)
    .set({ findingCount: sql`${scans.findingCount} + 1` })
    .where(eq(scans.id, input.scanId));
  return row.id;
}

/**
 * A retest's verdicts on a system's findings: those found fixed become verified fixed (by the
 * manual scan `scanId` of the retest); those still there reopen when they had been closed as
 * fixed, with a new due day. False positives and accepted risks found still there stay so.
 * Returns the number of findings each way. Set-based: two statements whatever the count.
 */
export async function applyRetestVerdicts(
  db: Executor,
  input: { systemId: string; scanId: string; fixedIds: string[]; stillOpenIds: string[]; today: string; now: Date },
): Promise<{ verified: number; reopened: number }> {
  let verified = 0;
  let reopened = 0;
  if (input.fixedIds.length > 0) {
    const rows = await db
      .update(scanFindings)
      .set({ state: 'verified_fixed', stateChangedAt: input.now, fixedInScanId: input.scanId, updatedAt: input.now })
      .where(
        and(
          eq(scanFindings.systemId, input.systemId),
          inArray(scanFindings.id, input.fixedIds),
          inArray(scanFindings.state, ['open', 'fixed', 'risk_accepted']),
        ),
      )
      .returning({ id: scanFindings.id });
    verified = rows.length;
  }
  if (input.stillOpenIds.length > 0) {
    const policy = await policyInForce(db, input.today);
    const days = JSON.stringify(sectionInForce(policy.rules, 'scans')?.remediationDays ?? {});
    const rows = await db
      .update(scanFindings)
      .set({
        state: 'open',
        stateChangedAt: input.now,
        fixedInScanId: null,
        lastSeenScanId: input.scanId,
        dueOn: sql`${input.today}::date + (${days}::jsonb ->> ${scanFindings.severity})::int`,
        policyVersionId: sql`case when ${days}::jsonb ? ${scanFindings.severity} then ${policy.id}::uuid end`,
        updatedAt: input.now,
      })
      .where(
        and(
          eq(scanFindings.systemId, input.systemId),
          inArray(scanFindings.id, input.stillOpenIds),
          inArray(scanFindings.state, ['fixed', 'verified_fixed']),
        ),
      )
      .returning({ id: scanFindings.id });
    reopened = rows.length;
  }
  return { verified, reopened };
}

/**
 * A completed scan of a system, by its import or by itself, for linking it to another record
 * (manual records excluded); undefined when there is none.
 */
export async function findScanForLink(
  db: Executor,
  by: { scanImportId?: string | undefined; scanId?: string | undefined },
): Promise<{ scanId: string; importId: string; systemId: string } | undefined> {
  const [row] = await db
    .select({ scanId: scans.id, importId: scanImports.id, systemId: scans.systemId })
    .from(scans)
    .innerJoin(scanImports, and(eq(scanImports.scanId, scans.id), eq(scanImports.status, 'completed')))
    .where(
      and(
        by.scanId ? eq(scans.id, by.scanId) : eq(scanImports.id, by.scanImportId ?? ''),
        sql`${scans.format} <> ${MANUAL_SCAN_FORMAT}`,
      ),
    );
  return row;
}

/** The ids of the findings a scan reported (first or last seen in it). */
export async function findingIdsOfScan(db: Executor, scanId: string): Promise<string[]> {
  const rows = await db
    .select({ id: scanFindings.id })
    .from(scanFindings)
    .where(sql`${scanFindings.lastSeenScanId} = ${scanId} or ${scanFindings.firstSeenScanId} = ${scanId}`);
  return rows.map((r) => r.id);
}

/** Findings of a system by id (those of other systems are left out), presented, most severe first. */
export async function presentFindingsByIds(
  db: Executor,
  input: { systemId: string; ids: readonly string[]; viewer: Viewer; today: string },
): Promise<Finding[]> {
  if (input.ids.length === 0) {
    return [];
  }
  const rows: FindingRow[] = await db
    .select({
      ...getTableColumns(scanFindings),
      systemName: systems.name,
      orgName: organisations.name,
      orgNameEn: organisations.nameEn,
      firstSeenAt: scans.createdAt,
      policyVersion: policyVersions.version,
    })
    .from(scanFindings)
    .innerJoin(systems, eq(systems.id, scanFindings.systemId))
    .innerJoin(organisations, eq(organisations.id, scanFindings.orgId))
    .innerJoin(scans, eq(scans.id, scanFindings.firstSeenScanId))
    .leftJoin(policyVersions, eq(policyVersions.id, scanFindings.policyVersionId))
    .where(and(eq(scanFindings.systemId, input.systemId), inArray(scanFindings.id, [...input.ids])))
    .orderBy(
      sql`case ${scanFindings.severity} when 'critical' then 0 when 'high' then 1 when 'medium' then 2 when 'low' then 3 else 4 end`,
      scanFindings.createdAt,
    );
  return rows.map((row) => presentFinding(row, { viewer: input.viewer, today: input.today }));
}

/** Counts of a system's findings among `ids`: all, and open (open or reopened). */
export async function countFindingsByIds(
  db: Executor,
  ids: readonly string[],
): Promise<{ total: number; open: number }> {
  if (ids.length === 0) {
    return { total: 0, open: 0 };
  }
  const [row] = await db
    .select({
      total: sql<number>`count(*)::int`,
      open: sql<number>`count(*) filter (where ${scanFindings.state} = 'open')::int`,
    })
    .from(scanFindings)
    .where(inArray(scanFindings.id, [...ids]));
  return { total: row?.total ?? 0, open: row?.open ?? 0 };
}
