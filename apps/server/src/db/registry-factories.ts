import { randomUUID } from 'node:crypto';
import type { Executor } from './client.js';
import {
  allocations,
  contractSystems,
  contracts,
  hosts,
  systemContacts,
  systemHosts,
  systems,
} from './schema/index.js';
import { systemClock } from '../lib/clock.js';
import { policyInForce, taipeiToday } from '../lib/policy.js';
import type { World } from './factories.js';

/**
 * Registry row factories for tests, the demo seed and benchmarks. Like factories.ts they
 * write rows directly, without audit events or rule checks.
 */
/**
 * The rule set a factory row is judged by: the one in force today by the machine's clock,
 * since factories write outside any request. A test at another instant passes `policyVersionId`.
 */
function currentPolicy(db: Executor) {
  return policyInForce(db, taipeiToday(systemClock.now()));
}

function one<T>(rows: T[]): T {
  const [row] = rows;
  if (!row) {
    throw new Error('insert returned no row');
  }
  return row;
}

export async function makeContract(
  db: Executor,
  input: Partial<typeof contracts.$inferInsert> & { unitId: string; divisionId: string },
) {
  const policy = await currentPolicy(db);
  return one(
    await db
      .insert(contracts)
      .values({
        number: `C-${randomUUID().slice(0, 8)}`,
        name: '測試委辦案',
        type: 'commission',
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        policyVersionId: policy.id,
        missingClauses: policy.rules.contractClauses.filter((c) => c.required).map((c) => c.code),
        ...input,
      })
      .returning(),
  );
}

export async function makeSystem(
  db: Executor,
  input: Partial<typeof systems.$inferInsert> & { orgId: string; contractIds?: string[] },
) {
  const policy = await currentPolicy(db);
  const { contractIds = [], ...values } = input;
  const row = one(
    await db
      .insert(systems)
      .values({ name: `系統 ${randomUUID().slice(0, 8)}`, policyVersionId: policy.id, ...values })
      .returning(),
  );
  if (contractIds.length > 0) {
    await db.insert(contractSystems).values(contractIds.map((contractId) => ({ contractId, systemId: row.id })));
  }
  return row;
}

export async function makeHost(
  db: Executor,
  input: Partial<typeof hosts.$inferInsert> & { orgId: string; systemIds?: string[] },
) {
  const { systemIds = [], ...values } = input;
  const row = one(
    await db
      .insert(hosts)
      .values({ hostname: `host-${randomUUID().slice(0, 8)}`, ...values })
      .returning(),
  );
  if (systemIds.length > 0) {
    await db.insert(systemHosts).values(systemIds.map((systemId) => ({ systemId, hostId: row.id })));
  }
  return row;
}

export async function makeContact(
  db: Executor,
  input: Partial<typeof systemContacts.$inferInsert> & { systemId: string },
) {
  return one(
    await db
      .insert(systemContacts)
      .values({ kind: 'system_owner', name: '王小明', phone: '02-1234-5678', email: 'owner@example.edu.tw', ...input })
      .returning(),
  );
}

export async function makeAllocation(
  db: Executor,
  input: Partial<typeof allocations.$inferInsert> & { systemId: string; orgId: string },
) {
  const policy = await currentPolicy(db);
  return one(
    await db
      .insert(allocations)
      .values({
        kind: 'ipv4',
        value: '192.0.2.0/28',
        network: '192.0.2.0/28',
        startsOn: '2026-01-01',
        expiresOn: '2028-12-31',
        policyVersionId: policy.id,
        ...input,
      })
      .returning(),
  );
}

/**
 * One contract, system, host and contact for unit A and for unit B; unit A's contract has
 * the world's ministry_owner as business owner. Used by the authorization matrix.
 */
export async function makeRegistryWorld(db: Executor, w: World) {
  const build = async (unitId: string, tag: string, ownerUserId: string | null, octet: number) => {
    const contract = await makeContract(db, {
      unitId,
      divisionId: w.orgs.division.id,
      ownerUserId,
      number: `MATRIX-${tag}`,
      name: `${tag} 委辦案`,
    });
    const system = await makeSystem(db, { orgId: unitId, name: `${tag} 系統`, contractIds: [contract.id] });
    const host = await makeHost(db, { orgId: unitId, hostname: `web-${tag.toLowerCase()}`, systemIds: [system.id] });
    const contact = await makeContact(db, { systemId: system.id });
    const allocation = await makeAllocation(db, {
      systemId: system.id,
      orgId: unitId,
      value: `198.51.100.${octet}/32`,
      network: `198.51.100.${octet}/32`,
    });
    return { contract, system, host, contact, allocation };
  };
  return {
    a: await build(w.orgs.unitA.id, 'A', w.users.ministryOwner.id, 1),
    b: await build(w.orgs.unitB.id, 'B', null, 2),
  };
}
export type RegistryWorld = Awaited<ReturnType<typeof makeRegistryWorld>>;
