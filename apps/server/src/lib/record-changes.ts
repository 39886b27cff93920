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
