import { defineOperations } from '../../lib/openapi-operations.js';

/** The obligations module's operations in the OpenAPI document (issue 11, defect 16; lib/openapi-operations.ts). */
export const obligationsOperations = defineOperations({
  'GET /api/v1/obligations/todo': { operationId: 'listTodo', summary: "The caller's to-do list of open obligations" },
  'GET /api/v1/obligations/counts': {
    operationId: 'countObligations',
    summary: 'Open, due-soon and overdue obligations by kind',
  },
  'GET /api/v1/obligations/snapshots': {
    operationId: 'listObligationSnapshots',
    summary: 'Monthly counts of overdue obligations',
  },
  'GET /api/v1/obligations/export.xlsx': {
    operationId: 'exportObligations',
    summary: 'Download the filtered obligations as XLSX',
  },
  'GET /api/v1/obligations': { operationId: 'listObligations', summary: 'List obligations in scope' },
  'GET /api/v1/obligations/:id': { operationId: 'getObligation', summary: 'Read an obligation with its history' },
  'POST /api/v1/obligations/:id/done': {
    operationId: 'completeObligation',
    summary: 'Mark an obligation done, with evidence',
    errors: ['OBLIGATION_CLOSED'],
  },
  'POST /api/v1/obligations/:id/waive': {
    operationId: 'waiveObligation',
    summary: 'Waive an obligation until a date, with a reason',
    errors: ['OBLIGATION_CLOSED', 'OBLIGATION_WAIVER_EXPIRY_INVALID'],
  },
  'GET /api/v1/working-days/years': {
    operationId: 'listWorkingDayYears',
    summary: 'Years with a government working-day calendar',
  },
  'GET /api/v1/working-days': {
    operationId: 'listWorkingDays',
    summary: 'The government working-day calendar of a year',
  },
  'POST /api/v1/working-days/import': {
    operationId: 'importWorkingDays',
    summary: 'Import the government working-day calendar (CSV)',
    errors: ['WORKING_DAYS_CSV_INVALID', 'WORKING_DAYS_FILE_TOO_LARGE'],
  },
  'GET /api/v1/account/calendar-feed': {
    operationId: 'getCalendarFeed',
    summary: "The user's iCalendar feed address, if any",
  },
  'POST /api/v1/account/calendar-feed': {
    operationId: 'createCalendarFeed',
    summary: "Create or replace the user's iCalendar feed address",
  },
  'DELETE /api/v1/account/calendar-feed': {
    operationId: 'deleteCalendarFeed',
    summary: "Turn the user's iCalendar feed off",
  },
  'GET /api/v1/calendar/:file': {
    operationId: 'getCalendarFeedFile',
    summary: 'The iCalendar feed (its address is its credential)',
    errors: ['CALENDAR_FEED_TOKEN_INVALID'],
  },
});
