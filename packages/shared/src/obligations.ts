import { z } from 'zod';
import { orgNameEnField } from './org-names.js';
import { DateInputSchema } from './dates.js';
import { PageQuerySchema } from './pagination.js';
import { abilities } from './permissions.js';
import { IsoDateSchema } from './policy.js';
import { longTextField } from './text.js';

/**
 * The compliance calendar (issue 13): obligation rules of the policy (section
 * `obligations`) become dated obligation instances, one per rule, subject and period.
 * These are the contracts of the routes under /api/v1 that list, explain, close and export
 * them, of the working-day calendar (Civil Code Art. 122) and of the personal iCalendar feed.
 */

/**
 * Where an instance stands on the caller's day (Asia/Taipei):
 * - upcoming: open, its first reminder threshold not reached yet;
 * - due: open, within the reminder window, up to and including its due day;
 * - overdue: open, past its due day;
 * - done: fulfilled, with evidence;
 * - waived: excused by a Ministry approver, with a reason, until the waiver's expiry.
 */
export const OBLIGATION_STATES = ['upcoming', 'due', 'overdue', 'done', 'waived'] as const;
export const ObligationStateSchema = z
  .enum(OBLIGATION_STATES)
  .describe('upcoming, due (within the reminder window), overdue, done or waived');
export type ObligationState = z.infer<typeof ObligationStateSchema>;

/** States that still ask for action. */
export const OPEN_OBLIGATION_STATES = ['upcoming', 'due', 'overdue'] as const satisfies readonly ObligationState[];

/** List filter: one state, or `open` for upcoming, due and overdue together. */
export const ObligationStateFilterSchema = z
  .enum([...OBLIGATION_STATES, 'open'])
  .describe('One state, or open (upcoming, due and overdue)');
export type ObligationStateFilter = z.infer<typeof ObligationStateFilterSchema>;

/** A regulation item as the map writes it: 十, 三十五(七), 四十三(一)3. */
export const RegulationItemSchema = z.string().min(1).max(40).describe('Item of the regulation, e.g. 十 or 三十五(七)');

/** A label the web localises: a key in the obligations locale file and its parameters. */
export const ObligationTitleSchema = z.object({
  key: z.string().describe('Label key, e.g. obligations.rule.contactsReconfirm'),
  params: z
    .record(z.string(), z.union([z.string(), z.number()]))
    .describe(
      'Label parameters, e.g. { system: "..." }; one naming an organisation has its English name beside it as <param>En when recorded (unit and unitEn)',
    ),
  text: z.string().describe('The label rendered in zh-TW, for exports, mail and calendar feeds'),
});
export type ObligationTitle = z.infer<typeof ObligationTitleSchema>;

export const ObligationSubjectSchema = z.object({
  type: z
    .string()
    .describe(
      'Kind of record the obligation is about: system, allocation, vendor_qualification, contract, organisation, ...',
    ),
  id: z.uuid().describe('Id of that record'),
  name: z.string().describe('Its name as lists show it'),
  nameEn: z
    .string()
    .nullable()
    .describe('English name, for an organisation that has one (the periodic duties of a unit); null otherwise'),
});
export type ObligationSubject = z.infer<typeof ObligationSubjectSchema>;

export const ObligationEvidenceSchema = z.object({
  doneOn: IsoDateSchema.describe('Day it was fulfilled (Asia/Taipei)'),
  doneAt: z.string().describe('Time it was recorded (ISO 8601, UTC)'),
  doneBy: z.uuid().nullable().describe('User who recorded it; null when a record change fulfilled it'),
  doneByName: z.string().nullable().describe('Name of that user'),
  note: z.string().nullable().describe('What was done'),
  attachmentId: z.uuid().nullable().describe('Attached evidence (an attachment id)'),
  link: z.string().nullable().describe('Web path of the record that fulfilled it, when a record did'),
});
export type ObligationEvidence = z.infer<typeof ObligationEvidenceSchema>;

export const ObligationWaiverSchema = z.object({
  reason: z.string().describe('Why the obligation is waived'),
  approvedBy: z.uuid().nullable().describe('Ministry user who approved the waiver'),
  approvedByName: z.string().nullable().describe('Name of that user'),
  approvedAt: z.string().describe('Approval time (ISO 8601, UTC)'),
  expiresOn: IsoDateSchema.describe('Last day the waiver holds; the obligation is open again after it'),
});
export type ObligationWaiver = z.infer<typeof ObligationWaiverSchema>;

/** One obligation instance: a rule applied to one record for one period. */
export const ObligationItemSchema = z.object({
  id: z.uuid().describe('Obligation instance id'),
  ruleId: z.string().describe('Rule id in the policy section obligations, e.g. contacts.reconfirm'),
  item: RegulationItemSchema,
  title: ObligationTitleSchema,
  state: ObligationStateSchema,
  dueOn: IsoDateSchema.describe('Due day (Asia/Taipei), after any shift to a working day'),
  periodKey: z.string().describe('The period this instance covers, e.g. 2027 or 2027-H1 or a record date'),
  orgId: z.uuid().describe('Responsible unit'),
  orgName: z.string().describe('Name of that unit'),
  orgNameEn: orgNameEnField('that unit'),
  responsibleUserId: z.uuid().nullable().describe('Responsible person, when the record names one'),
  responsibleName: z.string().nullable().describe('Name of that person'),
  subject: ObligationSubjectSchema,
  link: z.string().describe('Web path of the record and the action that fulfils it, e.g. /systems/<id>?tab=contacts'),
  daysToDue: z.number().int().describe('Calendar days from today (Asia/Taipei) to the due day; negative once overdue'),
  evidence: ObligationEvidenceSchema.nullable().describe('How it was fulfilled (state done)'),
  waiver: ObligationWaiverSchema.nullable().describe('The waiver in force (state waived)'),
  can: abilities(['complete', 'waive']),
});
export type ObligationItem = z.infer<typeof ObligationItemSchema>;

/** How an instance's due day was computed, step by step. */
export const ObligationExplanationSchema = z.object({
  ruleId: z.string().describe('Rule id'),
  ruleVersion: z.number().int().describe('Policy version the instance was judged by'),
  policyVersionId: z.uuid().describe('Id of that policy version'),
  item: RegulationItemSchema,
  trigger: z.string().describe('Record type that triggers the rule'),
  anchorOn: IsoDateSchema.describe('Day the period is counted from (the record date)'),
  period: z.string().describe('The period or deadline applied: an ISO 8601 duration, an RRULE or a table cell'),
  periodSource: z
    .string()
    .nullable()
    .describe('Where the period came from when a table chose it, e.g. responsibility level A'),
  computedOn: IsoDateSchema.describe('Day the period ends (Civil Code Art. 121), before any shift'),
  shiftToWorkingDay: z.boolean().describe('Whether the rule shifts a deadline on a rest day to the next working day'),
  shiftedFrom: IsoDateSchema.nullable().describe('The rest day the deadline fell on, when it was shifted'),
  shiftNote: z
    .string()
    .nullable()
    .describe('Why that day was not a working day: weekend, or the note of the imported calendar (e.g. 春節)'),
  calendarImported: z.boolean().describe('Whether the working-day calendar of the due year was imported'),
  dueOn: IsoDateSchema.describe('The due day'),
  reminderDays: z.array(z.number().int()).describe('Reminder thresholds, days before the due day'),
  escalation: z
    .array(z.object({ afterDays: z.number().int(), to: z.string() }))
    .describe('Escalation steps: days after the due day, and to whom (business_owner, ministry_security_office)'),
});
export type ObligationExplanation = z.infer<typeof ObligationExplanationSchema>;

export const ObligationDetailSchema = ObligationItemSchema.extend({
  explanation: ObligationExplanationSchema,
});
export type ObligationDetail = z.infer<typeof ObligationDetailSchema>;

/** GET /obligations/todo: the caller's open obligations, grouped by when they are due. */
export const ObligationTodoSchema = z.object({
  today: IsoDateSchema.describe('Today (Asia/Taipei)'),
  overdue: z.array(ObligationItemSchema).describe('Past their due day'),
  thisWeek: z.array(ObligationItemSchema).describe('Due from today to Sunday of this week'),
  thisMonth: z.array(ObligationItemSchema).describe('Due after this week, up to the end of this month'),
  later: z.array(ObligationItemSchema).describe('Due after this month'),
});
export type ObligationTodo = z.infer<typeof ObligationTodoSchema>;

export const ObligationListFilterSchema = z.object({
  item: RegulationItemSchema.optional().describe('Only obligations of this regulation item'),
  ruleId: z.string().max(100).optional().describe('Only obligations of this rule'),
  orgId: z.uuid().optional().describe('Only obligations of this unit'),
  state: ObligationStateFilterSchema.optional(),
  ownerUserId: z.uuid().optional().describe('Only obligations this person is responsible for'),
  from: DateInputSchema.optional().describe('Only obligations due on or after this day'),
  to: DateInputSchema.optional().describe('Only obligations due on or before this day'),
  q: z.string().trim().max(200).optional().describe('Search in the subject name and the unit name'),
});

/** GET /obligations: filters and pagination; GET /obligations/export.xlsx takes the same filters. */
export const ObligationListQuerySchema = PageQuerySchema.extend(ObligationListFilterSchema.shape);
export type ObligationListQuery = z.infer<typeof ObligationListQuerySchema>;
export type ObligationListFilter = z.infer<typeof ObligationListFilterSchema>;

export const ObligationDoneSchema = z.object({
  note: longTextField(2000).describe('What was done'),
  attachmentId: z.uuid().optional().describe('An uploaded attachment as evidence'),
});
export type ObligationDoneInput = z.infer<typeof ObligationDoneSchema>;

export const ObligationWaiveSchema = z.object({
  reason: longTextField(2000).describe('Why the obligation is waived'),
  expiresOn: DateInputSchema.describe('Last day the waiver holds; today or later'),
});
export type ObligationWaiveInput = z.infer<typeof ObligationWaiveSchema>;

const count = (what: string) => z.number().int().min(0).describe(what);

/** Counts that open a list: overdue (state=overdue), due this month (state=open&to=monthEnd, not overdue), upcoming (later). */
export const ObligationCountRowSchema = z.object({
  overdue: count('Open obligations past their due day (state=overdue)'),
  dueThisMonth: count('Open obligations due from today to the end of this month (state=open&from=today&to=monthEnd)'),
  upcoming: count('Open obligations due after this month (state=open&from=monthEnd+1)'),
});
export type ObligationCountRow = z.infer<typeof ObligationCountRowSchema>;

/** GET /obligations/counts, within the caller's scope. */
export const ObligationCountsSchema = z.object({
  today: IsoDateSchema.describe('Today (Asia/Taipei)'),
  monthEnd: IsoDateSchema.describe('Last day of this month, for the dueThisMonth links'),
  byState: z.record(ObligationStateSchema, z.number().int()).describe('Instances by state'),
  totals: ObligationCountRowSchema,
  byOrg: z
    .array(
      ObligationCountRowSchema.extend({
        orgId: z.uuid().describe('Unit id'),
        orgName: z.string().describe('Unit name'),
        orgNameEn: orgNameEnField('the unit'),
      }),
    )
    .describe('By unit'),
  byItem: z.array(ObligationCountRowSchema.extend({ item: RegulationItemSchema })).describe('By regulation item'),
});
export type ObligationCounts = z.infer<typeof ObligationCountsSchema>;

export const ObligationSnapshotQuerySchema = z.object({
  from: DateInputSchema.optional().describe('First day (default: 90 days ago)'),
  to: DateInputSchema.optional().describe('Last day (default: today)'),
  orgId: z.uuid().optional().describe('Only this unit'),
});
export type ObligationSnapshotQuery = z.infer<typeof ObligationSnapshotQuerySchema>;

/** GET /obligations/snapshots: overdue obligations per day, from the daily snapshot job. */
export const ObligationSnapshotsSchema = z.object({
  items: z
    .array(
      z.object({
        day: IsoDateSchema.describe('Snapshot day (Asia/Taipei)'),
        overdue: count('Overdue obligations that day'),
        open: count('Open obligations that day'),
      }),
    )
    .describe('One row per day with a snapshot, oldest first'),
});
export type ObligationSnapshots = z.infer<typeof ObligationSnapshotsSchema>;

// ---------------------------------------------------------------------------------------
// Working-day calendar (Civil Code Art. 122; 政府行政機關辦公日曆表)

/** Largest working-day CSV accepted (a year is about 12 kB). */
export const WORKING_DAYS_MAX_BYTES = 256 * 1024;

export const WorkingDayYearSchema = z.object({
  year: z.number().int().describe('Gregorian year'),
  days: count('Days imported'),
  holidays: count('Rest days (weekends and holidays)'),
  makeUpWorkdays: count('Make-up workdays (補行上班) falling on a weekend'),
  importedAt: z.string().describe('Import time (ISO 8601, UTC)'),
  importedBy: z.uuid().nullable().describe('User who imported it'),
  importedByName: z.string().nullable().describe('Name of that user'),
});
export type WorkingDayYear = z.infer<typeof WorkingDayYearSchema>;

/** GET /working-days/years. Years not listed count weekends only. */
export const WorkingDayYearsSchema = z.object({
  items: z.array(WorkingDayYearSchema).describe('Imported years, newest first'),
  currentYear: z.number().int().describe('This year (Asia/Taipei)'),
  currentYearImported: z.boolean().describe('Whether this year is imported; if not, only weekends count as rest days'),
});
export type WorkingDayYears = z.infer<typeof WorkingDayYearsSchema>;

export const WorkingDayQuerySchema = z.object({
  year: z.coerce.number().int().min(1912).max(2199).describe('Gregorian year'),
});
export type WorkingDayQuery = z.infer<typeof WorkingDayQuerySchema>;

export const WorkingDaySchema = z.object({
  date: IsoDateSchema,
  isHoliday: z.boolean().describe('Rest day (是否放假 = 2)'),
  note: z.string().nullable().describe('備註, e.g. 春節 or 補行上班'),
  isMakeUpWorkday: z.boolean().describe('A weekend day that is a working day (補行上班)'),
});
export type WorkingDay = z.infer<typeof WorkingDaySchema>;

/** GET /working-days?year=: the imported days of a year, or none when it was not imported. */
export const WorkingDayCalendarSchema = z.object({
  year: z.number().int(),
  imported: z.boolean().describe('Whether the year was imported; if not, only weekends count'),
  days: z.array(WorkingDaySchema).describe('Every imported day of the year'),
});
export type WorkingDayCalendar = z.infer<typeof WorkingDayCalendarSchema>;

/** POST /working-days/import result (all rows imported or none). */
export const WorkingDayImportResultSchema = z.object({
  years: z.array(z.number().int()).describe('Years imported (each replaces any earlier import of that year)'),
  days: count('Days imported'),
  holidays: count('Rest days'),
  makeUpWorkdays: count('Make-up workdays'),
});
export type WorkingDayImportResult = z.infer<typeof WorkingDayImportResultSchema>;

/** Per-row problems of a refused import, in the error's details. */
export const WorkingDayImportProblemSchema = z.object({
  line: z.number().int().describe('1-based line of the CSV file'),
  reason: z.enum(['columns', 'date', 'weekday', 'holiday_flag', 'duplicate', 'year_incomplete']),
  value: z.string().nullable(),
});
export type WorkingDayImportProblem = z.infer<typeof WorkingDayImportProblemSchema>;

// ---------------------------------------------------------------------------------------
// Personal iCalendar feed

/** GET /account/calendar-feed. The URL is shown once, when created. */
export const CalendarFeedStatusSchema = z.object({
  active: z.boolean().describe('Whether a feed token exists'),
  createdAt: z.string().nullable().describe('Creation time of the token (ISO 8601, UTC)'),
  lastUsedAt: z.string().nullable().describe('Last time a calendar fetched the feed'),
});
export type CalendarFeedStatus = z.infer<typeof CalendarFeedStatusSchema>;

/** POST /account/calendar-feed: a new token (any earlier one stops working). */
export const CalendarFeedCreatedSchema = z.object({
  url: z.string().describe('Feed URL with the secret token; shown this once'),
  createdAt: z.string().describe('Creation time (ISO 8601, UTC)'),
});
export type CalendarFeedCreated = z.infer<typeof CalendarFeedCreatedSchema>;

/** A feed token: `ocf_` and 43 base64url characters (32 random bytes). */
export const CALENDAR_FEED_TOKEN_PATTERN = /^ocf_[A-Za-z0-9_-]{43}$/;
