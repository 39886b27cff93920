import type { FastifyPluginAsync } from 'fastify';
import type { DashboardCard } from '@custodian/shared';
import type { AppDeps, RequestContext } from '../lib/context.js';
import type { JobDefinition } from '../lib/jobs.js';
import type { PolicyUsageCounter } from '../lib/policy-usage.js';
import type { RecordChangeListener } from '../lib/record-changes.js';
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
  /** Its dashboard cards: counts of its lists under one filter each, with links to them. */
  dashboardCards?: DashboardCards;
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
};

/** A module's dashboard cards for one caller, in the order they are shown. */
export type DashboardCards = (deps: AppDeps, ctx: RequestContext) => Promise<DashboardCard[]>;

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
export function moduleDashboardCards(modules: readonly AppModule[]): DashboardCards[] {
  return modules.flatMap((m) => (m.dashboardCards ? [m.dashboardCards] : []));
}

/** The smallest page: a dashboard card reads a list's total, not its rows. */
export const TOTAL_ONLY = { page: 1, pageSize: 1 } as const;
