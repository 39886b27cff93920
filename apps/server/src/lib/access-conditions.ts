import { inArray, or, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { contractSystems, contracts, systems } from '../db/schema/index.js';
import { AppError } from '../errors.js';
import type { AppDeps, Actor } from './context.js';
import { taipeiToday } from './policy.js';
import { moduleAccessConditions, type AccessRefusal } from '../modules/registry.js';

/**
 * The modules' conditions on opening records tied to contracts (`AppModule.accessConditions`),
 * e.g. item 六's confidentiality commitment. Tenancy decides WHICH records an actor may read;
 * these may still refuse one they could read, with a reason the web can show. No module names
 * another: the systems and contracts services call this with the record's contracts, and the
 * services of a system's records (hosts, allocations, contacts, scans and findings) with the
 * record's systems (ADR 0028). Lists keep the rows and mark each with its `access`.
 */

/** Per contract refused, the first module condition's refusal at `now`; empty when none refuses. */
async function refusalsByContract(
  deps: Pick<AppDeps, 'db' | 'modules'>,
  actor: Actor,
  target: { contractIds: readonly string[]; now: Date },
): Promise<Map<string, AccessRefusal>> {
  const out = new Map<string, AccessRefusal>();
  const contractIds = [...new Set(target.contractIds)];
  if (contractIds.length === 0) {
    return out;
  }
  const today = taipeiToday(target.now);
  for (const condition of moduleAccessConditions(deps.modules)) {
    const refusals = await condition.refusals(deps.db, actor, { contractIds, today });
    for (const [contractId, refusal] of refusals) {
      if (!out.has(contractId)) {
        out.set(contractId, refusal);
      }
    }
  }
  return out;
}

/** The first refusal of any module's condition for these contracts at `now`; undefined when none refuses. */
export async function accessRefusal(
  deps: Pick<AppDeps, 'db' | 'modules'>,
  actor: Actor,
  target: { contractIds: readonly string[]; now: Date },
): Promise<AccessRefusal | undefined> {
  const refusals = await refusalsByContract(deps, actor, target);
  for (const contractId of target.contractIds) {
    const refusal = refusals.get(contractId);
    if (refusal) {
      return refusal;
    }
  }
  return undefined;
}

/** Throws the refusal (its code, with its parameters in the answer) when a condition refuses. */
export async function assertAccessConditions(
  deps: Pick<AppDeps, 'db' | 'modules'>,
  actor: Actor,
  target: { contractIds: readonly string[]; now: Date },
): Promise<void> {
  const refusal = await accessRefusal(deps, actor, target);
  if (refusal) {
    throw new AppError(refusal.code, { params: refusal.params });
  }
}

/** The contracts each system is tied to (the registry's contract–system links). */
async function contractsOfSystems(db: Executor, systemIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (systemIds.length === 0) {
    return out;
  }
  const rows = await db
    .select({ systemId: contractSystems.systemId, contractId: contractSystems.contractId })
    .from(contractSystems)
    .where(inArray(contractSystems.systemId, [...new Set(systemIds)]))
    .orderBy(contractSystems.systemId, contractSystems.contractId);
  for (const row of rows) {
    out.set(row.systemId, [...(out.get(row.systemId) ?? []), row.contractId]);
  }
  return out;
}

/** A record's ability to be opened (`RecordAccess` of the shared contracts, with a typed code). */
export type RecordAccess = { open: boolean; reason: AccessRefusal | null };

/** Nothing refuses: what detail routes present once the conditions let them through. */
export const OPEN_ACCESS: RecordAccess = { open: true, reason: null };
const OPEN = OPEN_ACCESS;

/**
 * Per system, the actor's ability to open it and its records: refused when a condition
 * refuses any contract the system is tied to. One look-up for a whole page of a list.
 */
export async function systemsAccess(
  deps: Pick<AppDeps, 'db' | 'modules'>,
  actor: Actor,
  target: { systemIds: readonly (string | null)[]; now: Date },
): Promise<Map<string, RecordAccess>> {
  const systemIds = target.systemIds.filter((id): id is string => id !== null);
  const out = new Map<string, RecordAccess>(systemIds.map((id) => [id, OPEN]));
  if (systemIds.length === 0 || moduleAccessConditions(deps.modules).every((c) => !c.concerns(actor))) {
    return out;
  }
  const contracts = await contractsOfSystems(deps.db, systemIds);
  const refusals = await refusalsByContract(deps, actor, {
    contractIds: [...contracts.values()].flat(),
    now: target.now,
  });
  for (const [systemId, contractIds] of contracts) {
    const refused = contractIds.map((id) => refusals.get(id)).find((r) => r !== undefined);
    if (refused) {
      out.set(systemId, { open: false, reason: refused });
    }
  }
  return out;
}

/**
 * The ability on a record tied to systems (a host serves several; an allocation, a scan or a
 * finding one): refused when any of them is refused.
 */
export function accessOfSystems(
  access: Map<string, RecordAccess>,
  systemIds: readonly (string | null)[],
): RecordAccess {
  for (const id of systemIds) {
    const one = id === null ? undefined : access.get(id);
    if (one && !one.open) {
      return one;
    }
  }
  return OPEN;
}

/** Throws the first refusal for a record tied to these systems (detail routes of their records). */
export async function assertSystemsAccess(
  deps: Pick<AppDeps, 'db' | 'modules'>,
  actor: Actor,
  target: { systemIds: readonly (string | null)[]; now: Date },
): Promise<void> {
  const access = accessOfSystems(await systemsAccess(deps, actor, target), target.systemIds);
  if (access.reason) {
    throw new AppError(access.reason.code, { params: access.reason.params });
  }
}

/**
 * The contracts of the actor's unit that a condition refuses at `now` (item 六), for the
 * exports: a file carries the records' content, so it leaves out what the actor may not
 * open (ADR 0028). Empty, with no query, when no condition concerns the actor.
 */
export async function refusedContractIds(
  deps: Pick<AppDeps, 'db' | 'modules'>,
  actor: Actor,
  now: Date,
): Promise<string[]> {
  if (moduleAccessConditions(deps.modules).every((c) => !c.concerns(actor))) {
    return [];
  }
  const rows = await deps.db
    .selectDistinct({ id: contracts.id })
    .from(contracts)
    .leftJoin(contractSystems, eq(contractSystems.contractId, contracts.id))
    .leftJoin(systems, eq(systems.id, contractSystems.systemId))
    .where(or(eq(contracts.unitId, actor.orgId), eq(systems.orgId, actor.orgId)));
  const refusals = await refusalsByContract(deps, actor, { contractIds: rows.map((r) => r.id), now });
  return [...refusals.keys()];
}

/** A record tied to none of `refused` (see refusedContractIds); no condition when none is refused. */
export function notTiedToRefused(
  tie: 'contract' | 'system' | 'host',
  id: SQL,
  refused: readonly string[],
): SQL | undefined {
  if (refused.length === 0) {
    return undefined;
  }
  const list = sql`${sql.param([...refused])}::uuid[]`;
  switch (tie) {
    case 'contract':
      return sql`NOT (${id} = ANY(${list}))`;
    case 'system':
      return sql`NOT EXISTS (SELECT 1 FROM contract_systems cs WHERE cs.system_id = ${id} AND cs.contract_id = ANY(${list}))`;
    case 'host':
      return sql`NOT EXISTS (SELECT 1 FROM system_hosts sh JOIN contract_systems cs ON cs.system_id = sh.system_id
        WHERE sh.host_id = ${id} AND cs.contract_id = ANY(${list}))`;
  }
}
