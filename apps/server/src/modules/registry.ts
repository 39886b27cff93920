import type { FastifyPluginAsync } from 'fastify';
import type { SQL } from 'drizzle-orm';
import type { DashboardCard, ErrorCode, LaunchBlocker } from '@custodian/shared';
import type { Executor } from '../db/client.js';
import type { Actor, AppDeps } from '../lib/context.js';
import type { JobDefinition } from '../lib/jobs.js';
import type { PolicyUsageCounter } from '../lib/policy-usage.js';
import type { OrgRecordsListener, RecordChangeListener } from '../lib/record-changes.js';
import type { TenancyResolver } from '../lib/tenancy.js';
import type { AuditRegistration } from './audit/audit.labels.js';
import type { ObligationSource } from './obligations/obligations.sources.js';
import type { NotificationTemplates } from './notifications/notifications.templates.js';

/**
 * What a module contributes to the app (ADR 0018). `modules/index.ts` lists every module in
 * `MODULES`; the central code (route registration, job runner, policy usage, attachments,
 * dashboard, tenancy look-ups) reads these registrations and names no module itself.
 */
export type AppModule = {
  name: string;
  /** Route plugins, mounted under `prefix`. */
  routes?: readonly ModuleRoutes[];
  /** Defaults to /api/v1. */
  prefix?: string;
  /** Scheduled and queued work (`<domain>.jobs.ts`), run by the job runner (ADR 0013). */
  jobs?: readonly JobDefinition[];
  /** Counts its records judged by a policy version (`<module>.policy.ts`, ADR 0015). */
  policyUsage?: PolicyUsageCounter;
  /**
   * How the rows of its tables resolve to an organisation and who may read and change them
   * (`<module>.module.ts`), one resolver per kind of record.
   */
  tenancy?: readonly TenancyResolver[];
  /** Kinds of its records that files may hang on; each must have a tenancy resolver above. */
  attachmentOwners?: readonly string[];
  /**
   * Its dashboard cards: totals of its lists under one filter each, with links to them, and
   * how the dashboard's snapshot counts them (ADR 0025).
   */
  dashboard?: DashboardRegistration;
  /** Records with deadlines it offers the compliance calendar (`<module>.obligations.ts`, ADR 0019). */
  obligationSources?: readonly ObligationSource[];
  /** Mail and in-app templates of the notification kinds it sends (kind → zh-TW/en renderers, ADR 0020). */
  notificationTemplates?: NotificationTemplates;
  /**
   * The audit actions it writes, with zh-TW and English labels, and how its records named
   * as audit targets resolve to a display name and a web page (`<module>.audit.ts`).
   */
  audit?: AuditRegistration;
  /** Called after other modules' records changed (lib/record-changes.ts), e.g. the calendar's recompute of those records. */
  onRecordChanges?: RecordChangeListener;
  /**
   * Called inside the transaction of a change with the organisations whose records changed
   * (lib/record-changes.ts), e.g. the dashboard's snapshot of those organisations' counts.
   */
  onOrgRecordsChanged?: OrgRecordsListener;
  /**
   * Conditions on opening records tied to contracts (item 六: a unit_member needs a valid
   * confidentiality commitment on the contract), consulted by the modules that serve those
   * records through `lib/access-conditions.ts`, after tenancy let the actor read them.
   */
  accessConditions?: readonly AccessCondition[];
  /**
   * Checks a system must pass before it goes online (items 四十二, 四十三 (一) 1), read by the
   * systems service when a system's status changes to online: each returns what blocks it,
   * nothing when it may (the scans module: a recent scan without open Critical or High findings).
   */
  launchChecks?: readonly SystemLaunchCheck[];
};

/** Why an actor may not open a record: a localised error code and its public parameters. */
export type AccessRefusal = { code: ErrorCode; params: Record<string, string> };

/**
 * A condition a module sets on opening the records tied to contracts (contracts, their
 * systems and the systems' records, ADR 0028): for each of `contractIds` the actor may not
 * open on `today` (Taipei), the refusal. Reads only; `concerns` says at once (no reads)
 * whether it can refuse the actor at all, so lists skip the look-ups for everyone else.
 */
export type AccessCondition = {
  name: string;
  concerns(actor: Actor): boolean;
  refusals(
    db: Executor,
    actor: Actor,
    target: { contractIds: readonly string[]; today: string },
  ): Promise<Map<string, AccessRefusal>>;
};

/** The system a launch check judges: `lastChangeAt` is when it last changed before this status change. */
export type LaunchCheckInput = { id: string; orgId: string; lastChangeAt: Date };
/** One module's pre-launch check; reads only, on the caller's executor. */
export type SystemLaunchCheck = (db: Executor, system: LaunchCheckInput) => Promise<LaunchBlocker[]>;

/** Every module's pre-launch checks, in module order. */
export function moduleLaunchChecks(modules: readonly AppModule[]): SystemLaunchCheck[] {
  return modules.flatMap((m) => m.launchChecks ?? []);
}

/** A dashboard card as its module describes it: everything but the number. */
export type DashboardCardSpec = Omit<DashboardCard, 'value'>;

/** What the snapshot asks a module to count: the organisations' records (or all), on these Taipei days. */
export type DashboardCountOptions = { orgIds: readonly string[] | 'all'; days: readonly string[] };

/**
 * A module's dashboard cards (ADR 0018, 0025). Each card is the total of one of the module's
 * lists under one filter, counted with the list's own filter definitions; the dashboard
 * keeps the counts in its snapshot and sums them over the caller's scope.
 */
export type DashboardRegistration = {
  /** Its cards in the order shown, without their numbers; a label may name a rule in force on `today`. */
  cards(db: Executor, today: string): Promise<DashboardCardSpec[]>;
  /**
   * A SELECT of the snapshot's rows `(card, day, org_id, owner_user_id, value)`: for each of
   * its cards and each of `days`, the rows of the card's list belonging to each organisation
   * (`owner_user_id` null) and, of those, the rows each business owner sees through a
   * contract they own (item 十四; `owner_user_id` theirs), for `orgIds` only unless 'all'.
   * `countSnapshotRows` (db/counts.ts) builds it from the list's filters. Reads only.
   */
  countSql(db: Executor, options: DashboardCountOptions): Promise<SQL>;
};

/** Options every module's route plugin receives: the dependencies, and the modules of the app. */
export type ModuleRouteOptions = { deps: AppDeps; modules: readonly AppModule[] };
export type ModuleRoutes = FastifyPluginAsync<ModuleRouteOptions>;

/** Every module's policy-usage counter, in module order (the policy pages show them so). */
export function modulePolicyUsage(modules: readonly AppModule[]): PolicyUsageCounter[] {
  return modules.flatMap((m) => (m.policyUsage ? [m.policyUsage] : []));
}

/** Every module's obligation sources (the compliance calendar's rule providers), in module order. */
export function moduleObligationSources(modules: readonly AppModule[]): ObligationSource[] {
  return modules.flatMap((m) => m.obligationSources ?? []);
}

/** Every module's access conditions (item 六), in module order. */
export function moduleAccessConditions(modules: readonly AppModule[]): AccessCondition[] {
  return modules.flatMap((m) => m.accessConditions ?? []);
}

/** Every module's jobs, for the job runner. */
export function moduleJobs(modules: readonly AppModule[]): JobDefinition[] {
  return modules.flatMap((m) => m.jobs ?? []);
}

/** Every registered tenancy resolver by kind of record; a kind registered twice is a programming error. */
export function moduleTenancy(modules: readonly AppModule[]): ReadonlyMap<string, TenancyResolver> {
  const byRecord = new Map<string, TenancyResolver>();
  for (const mod of modules) {
    for (const resolver of mod.tenancy ?? []) {
      if (byRecord.has(resolver.record)) {
        throw new Error(`Record kind "${resolver.record}" is registered twice (module ${mod.name})`);
      }
      byRecord.set(resolver.record, resolver);
    }
  }
  return byRecord;
}

/** The records files may hang on, by owner type, each with its module's tenancy resolver. */
export function moduleAttachmentOwners(modules: readonly AppModule[]): ReadonlyMap<string, TenancyResolver> {
  const tenancy = moduleTenancy(modules);
  const owners = new Map<string, TenancyResolver>();
  for (const mod of modules) {
    for (const type of mod.attachmentOwners ?? []) {
      const resolver = tenancy.get(type);
      if (!resolver) {
        throw new Error(`Attachment owner "${type}" of module ${mod.name} has no tenancy resolver`);
      }
      owners.set(type, resolver);
    }
  }
  return owners;
}

/** Every module's dashboard cards, in module order. */
export function moduleDashboards(modules: readonly AppModule[]): DashboardRegistration[] {
  return modules.flatMap((m) => (m.dashboard ? [m.dashboard] : []));
}

/** The smallest page: a dashboard card reads a list's total, not its rows. */
export const TOTAL_ONLY = { page: 1, pageSize: 1 } as const;
