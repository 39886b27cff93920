import type { ObligationRule } from '@custodian/shared';
import type { Executor } from '../../db/types.js';

/*
 * Rule providers (ADR 0019). A module that owns records with deadlines registers sources in
 * its own folder (`<module>.obligations.ts`) and lists them in its `modules/index.ts` entry
 * (`obligationSources`). A source answers one trigger (a record type the rules name): it
 * yields, for each record, the subject, its unit, the responsible person and the anchor
 * date the period is counted from; the engine computes the instances. A capability added
 * later (scans, agreements, incidents) plugs in the same way without changes to the engine.
 */

/** One record a rule applies to, for its current period. */
export type ObligationCandidate = {
  subjectType: string;
  subjectId: string;
  subjectName: string;
  orgId: string;
  /** The person the record names; null: the unit's administrators answer. */
  responsibleUserId: string | null;
  /** The day the period is counted from (not counted itself, Civil Code Art. 120). */
  anchorOn: string;
  /** The period this candidate stands for; a new key is a new instance (a new period). */
  periodKey: string;
  /** Web path of the record and the action that fulfils the obligation. */
  link: string;
  /** Parameters of the title label. */
  titleParams: Record<string, string | number>;
  /**
   * The record owes the duty already, whatever the rule's period (contacts never confirmed:
   * the registry counts them overdue from the day the system is registered). The due day
   * is the day before `anchorOn`, so the instance is overdue from `anchorOn` on; the text
   * is the explanation's reason (`periodSource`).
   */
  owedSinceAnchor?: string;
  /** Already fulfilled by the record (acknowledged, assessed): the instance is done. */
  fulfilled?: { on: string; link: string | null };
};

export type ObligationCollectQuery = {
  rule: ObligationRule;
  /** Today in Asia/Taipei. */
  today: string;
  /** The first day a published version held this rule: periodic duties never done count from it. */
  ruleInForceSince: string;
  /** Only these records (recompute on change); all when absent. */
  subjectIds?: readonly string[];
};

export type ObligationSource = {
  /** The trigger the rules name, e.g. system.contacts. */
  trigger: string;
  subjectType: string;
  /** i18n key of the title (obligations locale), with `titleParams`. */
  titleKey: string;
  /** The title in zh-TW, for exports, mail and calendar feeds. */
  title(params: Record<string, string | number>): string;
  collect(db: Executor, query: ObligationCollectQuery): Promise<ObligationCandidate[]>;
};

export function defineObligationSource(source: ObligationSource): ObligationSource {
  return source;
}
