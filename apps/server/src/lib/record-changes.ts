import type { Executor } from '../db/client.js';
import type { AppDeps } from './context.js';

/*
 * Record changes (ADR 0019): a module that changed records others derive from says so here,
 * after its transaction committed, naming the record type (the obligation trigger, e.g.
 * `system.contacts`) and the ids. Modules that derive from them (the compliance calendar's
 * recompute) listen through their registration (`AppModule.onRecordChanges`), read from the
 * app's modules (`deps.modules`), not from a process-wide list; the module
 * that changed the records names none of them, so no module imports another's service
 * (and no import cycle). A listener's failure is logged, never thrown: the change is
 * committed, and the nightly recompute catches up.
 */

/** Records of one type that changed. */
export type RecordChange = { trigger: string; subjectIds: readonly string[] };

/** Called after the change committed, with the instant it was made at. */
export type RecordChangeListener = (deps: AppDeps, now: Date, changes: readonly RecordChange[]) => Promise<void>;

/** Tells every module of the app that listens (`onRecordChanges`) that records changed (call it after the transaction committed). */
export async function recordsChanged(deps: AppDeps, now: Date, changes: readonly RecordChange[]): Promise<void> {
  const relevant = changes.filter((c) => c.subjectIds.length > 0);
  if (relevant.length === 0) {
    return;
  }
  for (const listener of deps.modules.flatMap((m) => (m.onRecordChanges ? [m.onRecordChanges] : []))) {
    try {
      await listener(deps, now, relevant);
    } catch (err) {
      deps.log.error({ err, changes: relevant.map((c) => c.trigger) }, 'a record-change listener failed');
    }
  }
}

/*
 * Organisation changes (issue 12, ADR 0025): a service that changed records counted per
 * organisation (the dashboard's cards) says which organisations' records changed, inside
 * its transaction, after its last write. Modules that keep something derived per
 * organisation (the dashboard's snapshot) listen through their registration
 * (`AppModule.onOrgRecordsChanged`) and bring it up to date in the same transaction, so no
 * reader sees the change without it. Unlike `recordsChanged`, a listener's failure fails the
 * change: derived numbers that silently disagree with their lists are worse than a retry.
 */

/** Organisations whose records changed, at the instant of the change; 'all' when a change reaches every organisation (a rule set published). */
export type OrgRecordsChange = { orgIds: readonly string[] | 'all'; now: Date };

/** Called inside the transaction of the change. */
export type OrgRecordsListener = (
  tx: Executor,
  deps: Pick<AppDeps, 'modules'>,
  change: OrgRecordsChange,
) => Promise<void>;

/**
 * Tells every module of the app that listens (`onOrgRecordsChanged`) that records of these
 * organisations changed. Call it inside the transaction, once, after its last write.
 */
export async function orgRecordsChanged(
  tx: Executor,
  deps: Pick<AppDeps, 'modules'>,
  change: OrgRecordsChange,
): Promise<void> {
  const orgIds = change.orgIds === 'all' ? 'all' : [...new Set(change.orgIds)].sort();
  if (orgIds.length === 0) {
    return;
  }
  for (const listener of deps.modules.flatMap((m) => (m.onOrgRecordsChanged ? [m.onOrgRecordsChanged] : []))) {
    await listener(tx, deps, { orgIds, now: change.now });
  }
}
