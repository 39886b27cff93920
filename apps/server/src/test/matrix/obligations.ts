import { NO_OTHER, type MatrixEntry } from './common.js';

const BY_ID =
  'instances exist only once obligation rules are published and recomputed; obligations.test.ts checks that unit B gets 404 for unit A’s instance and that done/waive keep to the roles';
const SCOPED_LIST =
  'lists within resolveOrgScope; obligations.test.ts checks each unit sees only its own and the owner its supervised units';

/** Authorization-matrix entries for the compliance calendar (issue 13). */
export const OBLIGATIONS_MATRIX: Record<string, MatrixEntry> = {
  'GET /api/v1/obligations/todo': {
    roles: 'any',
    own: () => ({ url: '/api/v1/obligations/todo' }),
    otherReason: SCOPED_LIST,
  },
  'GET /api/v1/obligations/counts': {
    roles: 'any',
    own: () => ({ url: '/api/v1/obligations/counts' }),
    otherReason: SCOPED_LIST,
  },
  'GET /api/v1/obligations/snapshots': {
    roles: 'any',
    own: () => ({ url: '/api/v1/obligations/snapshots' }),
    otherReason: SCOPED_LIST,
  },
  'GET /api/v1/obligations/export.xlsx': {
    roles: 'any',
    own: () => ({ url: '/api/v1/obligations/export.xlsx' }),
    otherReason: SCOPED_LIST,
  },
  'GET /api/v1/obligations': {
    roles: 'any',
    own: () => ({ url: '/api/v1/obligations' }),
    otherReason: SCOPED_LIST,
  },
  'GET /api/v1/obligations/:id': { roles: 'any', ownReason: BY_ID, otherReason: BY_ID },
  'POST /api/v1/obligations/:id/done': {
    permission: 'obligations.complete',
    ownReason: BY_ID,
    otherReason: BY_ID,
  },
  'POST /api/v1/obligations/:id/waive': {
    permission: 'obligations.waive',
    ownReason: BY_ID,
    otherReason: BY_ID,
  },
  'GET /api/v1/working-days/years': {
    roles: 'any',
    own: () => ({ url: '/api/v1/working-days/years' }),
    otherReason: 'the office calendar is national data, the same for every unit',
  },
  'GET /api/v1/working-days': {
    roles: 'any',
    own: () => ({ url: '/api/v1/working-days?year=2027' }),
    otherReason: 'the office calendar is national data, the same for every unit',
  },
  'POST /api/v1/working-days/import': {
    permission: 'working-days.import',
    ownReason:
      'a valid import replaces a national year; obligations.test.ts imports as ministry_admin and is refused as unit_admin',
    otherReason: 'the office calendar is national data, the same for every unit',
  },
  'GET /api/v1/account/calendar-feed': {
    roles: 'any',
    own: () => ({ url: '/api/v1/account/calendar-feed' }),
    otherReason: NO_OTHER.self,
  },
  'POST /api/v1/account/calendar-feed': {
    roles: 'any',
    own: () => ({ url: '/api/v1/account/calendar-feed' }),
    otherReason: NO_OTHER.self,
  },
  'DELETE /api/v1/account/calendar-feed': {
    roles: 'any',
    own: () => ({ url: '/api/v1/account/calendar-feed' }),
    otherReason: NO_OTHER.self,
  },
  'GET /api/v1/calendar/:file': {
    roles: 'public',
    ownReason:
      'authenticated by the secret token in the path; obligations.test.ts fetches a real feed and is refused with revoked and malformed tokens',
    otherReason: NO_OTHER.public,
  },
};
