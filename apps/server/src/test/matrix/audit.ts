import { parse } from 'csv-parse/sync';
import { SystemCreateSchema } from '@custodian/shared';
import { systemContext } from '../../lib/context.js';
import { createSystem } from '../../modules/systems/systems.service.js';
import { countsB, listShowsB, unique, type MatrixEntry } from './common.js';

/**
 * Authorization-matrix entries for the audit log and the dashboard (items 三十一, 三十七).
 * Unit B's audit event is written when the matrix's world is made.
 */
export const AUDIT_MATRIX: Record<string, MatrixEntry> = {
  'GET /api/v1/audit-events': {
    permission: 'audit.read',
    own: () => ({ url: '/api/v1/audit-events' }),
    other: (c) => ({ url: `/api/v1/audit-events?orgId=${c.w.orgs.unitB.id}`, showsB: listShowsB(c, 'orgId') }),
  },
  'GET /api/v1/audit-events/export.csv': {
    permission: 'audit.read',
    own: () => ({ url: '/api/v1/audit-events/export.csv' }),
    other: (c) => ({
      url: `/api/v1/audit-events/export.csv?orgId=${c.w.orgs.unitB.id}`,
      showsB: (res) => {
        const rows = parse(res.body, { bom: true, columns: true }) as Record<string, string>[];
        return rows.some((row) => Object.values(row).includes(c.w.orgs.unitB.id));
      },
    }),
  },
  'GET /api/v1/audit/actions': {
    permission: 'audit.read',
    own: () => ({ url: '/api/v1/audit/actions' }),
    otherReason: 'the labels the modules registered, the same for everyone; no organisation’s records',
  },
  'GET /api/v1/audit/verify': {
    permission: 'audit.verify',
    own: () => ({ url: '/api/v1/audit/verify' }),
    otherReason: 'verifies the whole chain and answers with counts only, no organisation’s events',
  },
  'GET /api/v1/jobs/failed': {
    permission: 'jobs.read',
    own: () => ({ url: '/api/v1/jobs/failed' }),
    otherReason: 'the platform’s job queue, not an organisation’s records',
  },
  'GET /api/v1/dashboard': {
    roles: 'any',
    own: () => ({ url: '/api/v1/dashboard' }),
    other: (c, role) =>
      countsB(c, role, {
        url: '/api/v1/dashboard',
        // Through the service, which keeps the dashboard's snapshot current (ADR 0025).
        addToB: () =>
          createSystem(
            c.t.deps,
            systemContext('matrix', c.t.deps.clock.now()),
            SystemCreateSchema.parse({ orgId: c.w.orgs.unitB.id, name: unique('乙系統') }),
          ),
      }),
  },
};
