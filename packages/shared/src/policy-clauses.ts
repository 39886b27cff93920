import { z } from 'zod';

/** A text in both interface languages. */
export const LocalisedTextSchema = z.object({
  'zh-TW': z.string().trim().min(1).max(500).describe('Traditional Chinese text'),
  en: z.string().trim().min(1).max(500).describe('English text'),
});
export type LocalisedText = z.infer<typeof LocalisedTextSchema>;

/** One security clause a commissioning contract must contain (items 七, 九, 十二, 十三, 四十二). */
export const ClauseRuleSchema = z.object({
  code: z
    .string()
    .regex(/^[a-z0-9_]{2,40}$/)
    .describe('Stable clause code, e.g. item12_1'),
  /** The regulation item it comes from, as printed: 十二(一), 七, 四十二. */
  item: z.string().trim().min(1).max(20).describe('Regulation item, e.g. 十二(一)'),
  title: LocalisedTextSchema.describe('Short title'),
  description: LocalisedTextSchema.describe('What the contract must say'),
  required: z.boolean().describe('A contract lacking it is non-compliant'),
  allowNotApplicable: z.boolean().describe('Whether "not applicable" satisfies the rule'),
});
export type ClauseRule = z.infer<typeof ClauseRuleSchema>;

/** A clause checklist: at least one clause, each code once. */
export const ClauseListSchema = z
  .array(ClauseRuleSchema)
  .min(1)
  .superRefine((list, ctx) => {
    // Point at the repeated entry, so a form can mark the clause that clashes.
    const seen = new Set<string>();
    list.forEach((c, index) => {
      if (seen.has(c.code)) {
        ctx.addIssue({ code: 'custom', message: 'duplicate clause code', path: [index, 'code'] });
      }
      seen.add(c.code);
    });
  });

/** Whether two clauses say the same (item, texts in both languages, flags). */
export function isSameClause(a: ClauseRule, b: ClauseRule): boolean {
  return (
    a.item === b.item &&
    a.required === b.required &&
    a.allowNotApplicable === b.allowNotApplicable &&
    a.title['zh-TW'] === b.title['zh-TW'] &&
    a.title.en === b.title.en &&
    a.description['zh-TW'] === b.description['zh-TW'] &&
    a.description.en === b.description.en
  );
}
