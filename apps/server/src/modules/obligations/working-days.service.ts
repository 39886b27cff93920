import { desc, eq, inArray, sql } from 'drizzle-orm';
import {
  taipeiToday,
  type WorkingDayCalendar,
  type WorkingDayImportResult,
  type WorkingDayYears,
} from '@custodian/shared';
import { users, workingDayYears, workingDays } from '../../db/schema/index.js';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { requirePermission } from '../../lib/permissions.js';
import { AppError } from '../../errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { weekdayOf } from './obligations.dates.js';
import { parseWorkingDaysCsv } from './working-days.csv.js';

/**
 * Imports the government's office calendar: every row valid and every year complete, or
 * nothing is stored (WORKING_DAYS_CSV_INVALID with the problems by line). An imported year
 * replaces any earlier import of that year. Instances already computed keep their due days;
 * new periods use the new calendar.
 */
export async function importWorkingDays(
  deps: AppDeps,
  ctx: RequestContext,
  bytes: Buffer,
): Promise<WorkingDayImportResult> {
  const actor = requirePermission(ctx, 'working-days.import');
  const parsed = parseWorkingDaysCsv(bytes);
  if (!parsed.ok) {
    throw new AppError('WORKING_DAYS_CSV_INVALID', { problems: parsed.problems });
  }
  const isWeekend = (day: string) => [0, 6].includes(weekdayOf(day));
  const result: WorkingDayImportResult = {
    years: parsed.years,
    days: parsed.days.length,
    holidays: parsed.days.filter((d) => d.isHoliday).length,
    makeUpWorkdays: parsed.days.filter((d) => !d.isHoliday && isWeekend(d.date)).length,
  };
  await deps.db.transaction(async (tx) => {
    for (const year of parsed.years) {
      const days = parsed.days.filter((d) => d.date.startsWith(`${year}-`));
      await tx.delete(workingDays).where(sql`${workingDays.day} BETWEEN ${`${year}-01-01`} AND ${`${year}-12-31`}`);
      await tx.insert(workingDays).values(days.map((d) => ({ day: d.date, isHoliday: d.isHoliday, note: d.note })));
      const row = {
        year,
        days: days.length,
        holidays: days.filter((d) => d.isHoliday).length,
        makeUpWorkdays: days.filter((d) => !d.isHoliday && isWeekend(d.date)).length,
        importedAt: ctx.now,
        importedBy: actor.via === 'system' ? null : actor.userId,
      };
      await tx.insert(workingDayYears).values(row).onConflictDoUpdate({ target: workingDayYears.year, set: row });
    }
    await recordAudit(tx, deps, ctx, {
      action: 'working_days.import',
      orgId: null,
      targetType: 'working_days',
      targetId: null,
      summary: { ...result },
    });
  });
  return result;
}

export async function listWorkingDayYears(deps: AppDeps, ctx: RequestContext): Promise<WorkingDayYears> {
  const rows = await deps.db
    .select({
      year: workingDayYears.year,
      days: workingDayYears.days,
      holidays: workingDayYears.holidays,
      makeUpWorkdays: workingDayYears.makeUpWorkdays,
      importedAt: workingDayYears.importedAt,
      importedBy: workingDayYears.importedBy,
      importedByName: users.name,
    })
    .from(workingDayYears)
    .leftJoin(users, eq(users.id, workingDayYears.importedBy))
    .orderBy(desc(workingDayYears.year));
  const currentYear = Number(taipeiToday(ctx.now).slice(0, 4));
  return {
    items: rows.map((r) => ({ ...r, importedAt: r.importedAt.toISOString() })),
    currentYear,
    currentYearImported: rows.some((r) => r.year === currentYear),
  };
}

export async function getWorkingDays(deps: AppDeps, year: number): Promise<WorkingDayCalendar> {
  const [imported] = await deps.db
    .select({ year: workingDayYears.year })
    .from(workingDayYears)
    .where(inArray(workingDayYears.year, [year]));
  if (!imported) {
    return { year, imported: false, days: [] };
  }
  const rows = await deps.db
    .select()
    .from(workingDays)
    .where(sql`${workingDays.day} BETWEEN ${`${year}-01-01`} AND ${`${year}-12-31`}`)
    .orderBy(workingDays.day);
  return {
    year,
    imported: true,
    days: rows.map((r) => ({
      date: r.day,
      isHoliday: r.isHoliday,
      note: r.note,
      isMakeUpWorkday: !r.isHoliday && [0, 6].includes(weekdayOf(r.day)),
    })),
  };
}
