import { addDays } from 'date-fns/addDays';
import { addYears } from 'date-fns/addYears';
import { formatISO } from 'date-fns/formatISO';
import { parseISO } from 'date-fns/parseISO';
import {
  AllocationCreateSchema,
  AllocationRenewalRequestSchema,
  ContractClausesBulkSchema,
  ContractCreateSchema,
  DutyNoticeSendSchema,
  HostCreateSchema,
  RiskAssessmentCreateSchema,
  SystemContactUpsertSchema,
  SystemCreateSchema,
  VendorQualificationCreateSchema,
  CONTACT_KINDS,
  type Role,
} from '@custodian/shared';
import type { Actor, AppDeps, RequestContext } from '../../lib/context.js';
import { policyInForce, taipeiToday } from '../../lib/policy.js';
import { computeAllocationPeriod, createAllocation } from '../allocations/allocations.service.js';
import { requestRenewal } from '../allocations/allocations.renewals.service.js';
import { setContractClauses } from '../contracts/contracts.clauses.service.js';
import { acknowledgeDutyNotice, sendDutyNotice } from '../contracts/contracts.duty-notice.service.js';
import { createRiskAssessment } from '../contracts/contracts.risk.service.js';
import { createContract } from '../contracts/contracts.service.js';
import { createHost } from '../hosts/hosts.service.js';
import { bulkConfirmSystemContacts, putSystemContact } from '../systems/contacts.service.js';
import { createSystem } from '../systems/systems.service.js';
import { createVendorQualification } from '../vendors/vendors.service.js';
import { planClauseMarks } from './seed.clauses.js';
import {
  DEMO_CONTRACTS,
  DEMO_QUALIFICATIONS,
  type DemoCalendar,
  type DemoContract,
  type DemoSystem,
} from './seed.registry-data.js';

/** How many registry records the demo seed wrote. */
export type DemoRegistrySummary = {
  contracts: number;
  riskAssessments: number;
  systems: number;
  hosts: number;
  contacts: number;
  allocations: number;
  renewalRequests: number;
  qualifications: number;
};

/** An account the seed created, with what an Actor needs. */
export type SeededAccount = {
  id: string;
  email: string;
  name: string;
  role: Role;
  orgId: string;
  scopeOrgIds: string[];
};

/** Lookups into the organisations and accounts the seed created just before. */
export type SeedRefs = {
  orgId: (code: string) => string;
  account: (email: string) => SeededAccount;
  /** The unit_admin of a unit, who acts for it. */
  unitAdmin: (unitCode: string) => SeededAccount;
};

/** Days before an allocation's end at which the demo's "expiring" domain is placed. */
const EXPIRING_DOMAIN_DAYS_LEFT = 45;
/** An allocation counts as expiring on the dashboard within this many days. */
const EXPIRING_WINDOW_DAYS = 90;

const isoDate = (d: Date) => formatISO(d, { representation: 'date' });
const shiftDays = (day: string, days: number) => isoDate(addDays(parseISO(day), days));
const shiftYears = (day: string, years: number) => isoDate(addYears(parseISO(day), years));

/**
 * The context of a unit's own act (acknowledging the notice of duties, asking for a
 * renewal): the seeded unit_admin's actor, marked as done by the seed (`via: 'system'`),
 * so the audit trail names the seed and not a sign-in that never happened.
 */
function actingAs(ctx: RequestContext, account: SeededAccount): RequestContext {
  const actor: Actor = {
    userId: account.id,
    email: `${ctx.actor?.email ?? 'seed@system'} as ${account.email}`,
    name: account.name,
    role: account.role,
    orgId: account.orgId,
    scopeOrgIds: account.scopeOrgIds,
    via: 'system',
  };
  return { ...ctx, actor };
}

type Counter = DemoRegistrySummary;

async function seedSystems(
  deps: AppDeps,
  ctx: RequestContext,
  options: { spec: DemoContract; contractId: string; orgId: string; cal: DemoCalendar; count: Counter },
): Promise<{ system: DemoSystem; id: string }[]> {
  const { spec, orgId, count } = options;
  const hostIds = new Map<string, string>();
  for (const host of spec.hosts) {
    const created = await createHost(deps, ctx, HostCreateSchema.parse({ orgId, ...host }));
    hostIds.set(host.hostname, created.id);
    count.hosts += 1;
  }
  const systems: { system: DemoSystem; id: string }[] = [];
  for (const system of spec.systems) {
    const created = await createSystem(
      deps,
      ctx,
      SystemCreateSchema.parse({
        orgId,
        name: system.name,
        kind: system.kind,
        urls: [system.url],
        environment: system.environment,
        status: system.status,
        launchDate: system.launch ? `${options.cal.year - system.launch.yearsAgo}-${system.launch.monthDay}` : null,
        protectionLevel: system.protectionLevel,
        handlesPersonalData: system.personalData !== undefined,
        personalDataCategories: system.personalData?.categories ?? null,
        personalDataPurpose: system.personalData?.purpose ?? null,
        personalDataLegalBasis: system.personalData?.legalBasis ?? null,
        exitPlan: system.exitPlan,
        description: system.description,
        contractIds: [options.contractId],
        hostIds: system.hosts.map((h) => hostIds.get(h) ?? ''),
        // Systems already online when they are registered: the Ministry's override of the
        // pre-launch gate (items 四十二, 四十三), recorded in the audit trail.
        ...(system.status === 'online' ? { launchOverride: { reason: '示範資料：既有上線系統補登' } } : {}),
      }),
    );
    count.systems += 1;
    for (const kind of CONTACT_KINDS) {
      const contact = system.contacts[kind];
      await putSystemContact(deps, ctx, {
        systemId: created.id,
        kind,
        input: SystemContactUpsertSchema.parse({ ...contact, organisation: contact.organisation ?? null }),
      });
      count.contacts += 1;
    }
    systems.push({ system, id: created.id });
  }
  const confirmed = systems.filter((s) => s.system.isConfirmed).map((s) => s.id);
  if (confirmed.length > 0) {
    await bulkConfirmSystemContacts(deps, ctx, { systemIds: confirmed });
  }
  return systems;
}

/**
 * The first day of a period that, at the longest the rules allow, ends in
 * EXPIRING_DOMAIN_DAYS_LEFT days: a domain allocated about `maxYears` ago.
 */
async function expiringStart(deps: AppDeps, today: string): Promise<string> {
  const target = shiftDays(today, EXPIRING_DOMAIN_DAYS_LEFT);
  const { maxYears } = (await policyInForce(deps.db, today)).rules.allocations;
  const startsOn = shiftDays(shiftYears(target, -maxYears), 1);
  const period = await computeAllocationPeriod(deps.db, startsOn);
  if (period.latestExpiresOn <= today || period.latestExpiresOn > shiftDays(today, EXPIRING_WINDOW_DAYS)) {
    throw new Error(`demo seed: a period from ${startsOn} ends ${period.latestExpiresOn}, not within 90 days`);
  }
  return startsOn;
}

async function seedAllocations(
  deps: AppDeps,
  ctx: RequestContext,
  options: {
    systems: { system: DemoSystem; id: string }[];
    periodStart: string;
    unitCtx: RequestContext;
    count: Counter;
  },
): Promise<void> {
  const today = taipeiToday(ctx.now);
  for (const { system, id } of options.systems) {
    const domainStart = system.isDomainExpiringWithRenewal ? await expiringStart(deps, today) : options.periodStart;
    const domain = await createAllocation(
      deps,
      ctx,
      AllocationCreateSchema.parse({ systemId: id, value: system.domain, startsOn: domainStart }),
    );
    await createAllocation(
      deps,
      ctx,
      AllocationCreateSchema.parse({ systemId: id, value: system.ipv4, startsOn: options.periodStart }),
    );
    options.count.allocations += 2;
    if (system.isDomainExpiringWithRenewal) {
      await requestRenewal(
        deps,
        options.unitCtx,
        domain.id,
        AllocationRenewalRequestSchema.parse({ reason: '學校官網持續提供服務，申請網域使用期限續期三年。' }),
      );
      options.count.renewalRequests += 1;
    }
  }
}

async function seedContract(
  deps: AppDeps,
  ctx: RequestContext,
  options: { spec: DemoContract; refs: SeedRefs; cal: DemoCalendar; count: Counter },
): Promise<void> {
  const { spec, refs, cal, count } = options;
  const unitId = refs.orgId(spec.unit);
  const unitCtx = actingAs(ctx, refs.unitAdmin(spec.unit));
  const periodStart = `${cal.year}-01-01`;
  const contract = await createContract(
    deps,
    ctx,
    ContractCreateSchema.parse({
      number: spec.number(cal),
      name: spec.name(cal),
      type: spec.type,
      divisionId: refs.orgId(spec.division),
      ownerUserId: refs.account(spec.ownerEmail).id,
      unitId,
      subcontractorIds: spec.subcontractors.map((code) => refs.orgId(code)),
      periodStart,
      periodEnd: `${cal.year + 1}-12-31`,
      amount: spec.amount,
      slaAvailability: spec.slaAvailability,
      rtoHours: spec.rtoHours,
      rpoHours: spec.rpoHours,
    }),
  );
  count.contracts += 1;
  await createRiskAssessment(
    deps,
    ctx,
    contract.id,
    RiskAssessmentCreateSchema.parse({ assessedOn: shiftDays(periodStart, -45), ...spec.risk }),
  );
  count.riskAssessments += 1;
  await setContractClauses(
    deps,
    ctx,
    contract.id,
    ContractClausesBulkSchema.parse(
      planClauseMarks({ clauses: contract.clauses, plan: spec.clausePlan, notApplicableNote: spec.notApplicableNote }),
    ),
  );
  await sendDutyNotice(
    deps,
    ctx,
    contract.id,
    DutyNoticeSendSchema.parse({
      sentAt: `${shiftDays(periodStart, -14)}T10:00:00+08:00`,
      method: spec.dutyNoticeMethod,
    }),
  );
  if (spec.isDutyAcknowledged) {
    await acknowledgeDutyNotice(deps, unitCtx, contract.id);
  }
  const systems = await seedSystems(deps, ctx, { spec, contractId: contract.id, orgId: unitId, cal, count });
  await seedAllocations(deps, ctx, { systems, periodStart, unitCtx, count });
}

/**
 * Writes the demo registry through the modules' own services, so their validation,
 * tenancy checks, compliance verdicts and audit events apply exactly as for a user. The
 * Ministry's part runs in the seed's context (a ministry_admin), the units' own acts
 * (acknowledging the notice of duties, asking for a renewal) as their unit_admin.
 * `deps.db` is the seed's transaction: each service's own transaction becomes a savepoint.
 */
export async function seedDemoRegistry(
  deps: AppDeps,
  ctx: RequestContext,
  refs: SeedRefs,
): Promise<DemoRegistrySummary> {
  const today = taipeiToday(ctx.now);
  const year = Number(today.slice(0, 4));
  const cal: DemoCalendar = { year, rocYear: year - 1911 };
  const count: Counter = {
    contracts: 0,
    riskAssessments: 0,
    systems: 0,
    hosts: 0,
    contacts: 0,
    allocations: 0,
    renewalRequests: 0,
    qualifications: 0,
  };
  for (const spec of DEMO_CONTRACTS) {
    await seedContract(deps, ctx, { spec, refs, cal, count });
  }
  const { expiryWarningDays } = (await policyInForce(deps.db, today)).rules.vendorQualifications;
  for (const q of DEMO_QUALIFICATIONS) {
    // "expiring": inside the warning period of the rules in force, halfway through it.
    const expiresOn =
      q.validity === 'expiring'
        ? shiftDays(today, Math.max(1, Math.floor(expiryWarningDays / 2)))
        : `${year + 2}-03-31`;
    await createVendorQualification(
      deps,
      ctx,
      VendorQualificationCreateSchema.parse({
        orgId: refs.orgId(q.vendor),
        kind: 'iso27001',
        name: q.name,
        certificateNumber: q.certificateNumber,
        issuer: q.issuer,
        scope: q.scope,
        issuedOn: shiftDays(shiftYears(expiresOn, -3), 1),
        expiresOn,
      }),
    );
    count.qualifications += 1;
  }
  return count;
}
