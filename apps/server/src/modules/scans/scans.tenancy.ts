import type { Actor, AppDeps } from '../../lib/context.js';
import { moduleTenancy } from '../registry.js';

/*
 * Scans and findings belong to a system, and follow its visibility (its unit; a business
 * owner's contracts, item 十四): lists filter with the systems module's `systemsVisibleSql`,
 * single records resolve the system through the systems module's tenancy resolver.
 */

/** Whether the actor may read the system (through the systems module's registered resolver). */
export async function isSystemVisibleTo(deps: Pick<AppDeps, 'db' | 'modules'>, actor: Actor, systemId: string) {
  const resolver = moduleTenancy(deps.modules).get('system');
  const record = await resolver?.resolve(deps.db, systemId);
  return record ? record.canRead(deps.db, actor) : false;
}
