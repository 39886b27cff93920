import { ROLES, rolesWith, type ErrorCode, type Role } from '@custodian/shared';
import type { MatrixEntry } from './common.js';

/**
 * One line of the matrix: a route, a kind of probe and the caller. Each becomes its own
 * named test, so a failure says which route, which role and which probe.
 */
export type MatrixCase = {
  name: string;
  method: string;
  url: string;
  probe:
    | { kind: 'refused'; caller: 'anonymous' | 'no-csrf' | 'read-token' | Role; code: ErrorCode; status: number }
    | { kind: 'own'; role: Role | null }
    | { kind: 'other'; role: Role; reachesB: boolean };
};

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** The roles an entry allows. */
export function allowedRoles(entry: MatrixEntry): readonly Role[] {
  if (entry.permission) {
    return rolesWith(entry.permission);
  }
  return entry.roles === 'any' ? ROLES : [];
}

/** Every probe of one route. */
export function casesOf(key: string, entry: MatrixEntry): MatrixCase[] {
  const [method = 'GET', url = '/'] = key.split(' ');
  const line = (name: string, probe: MatrixCase['probe']): MatrixCase => ({ name, method, url, probe });
  const allowed = allowedRoles(entry);
  const cases: MatrixCase[] = [];
  if (entry.roles === 'public') {
    if (entry.own) {
      cases.push(line('own, anonymous → 2xx', { kind: 'own', role: null }));
    }
    return cases;
  }
  const refuse = (caller: 'anonymous' | 'no-csrf' | 'read-token' | Role, code: ErrorCode, status: number) =>
    cases.push(line(`${caller} → ${status} ${code}`, { kind: 'refused', caller, code, status }));
  refuse('anonymous', 'UNAUTHENTICATED', 401);
  for (const role of ROLES.filter((r) => !allowed.includes(r))) {
    refuse(role, 'FORBIDDEN', 403);
  }
  if (!SAFE_METHODS.has(method)) {
    refuse('no-csrf', 'CSRF_INVALID', 403);
    // The read-only token is the Ministry admin's: a route closed to that role refuses it first.
    refuse('read-token', allowed.includes('ministry_admin') ? 'TOKEN_SCOPE' : 'FORBIDDEN', 403);
  }
  if (entry.own) {
    for (const role of allowed) {
      cases.push(line(`own as ${role} → 2xx`, { kind: 'own', role }));
    }
  }
  if (entry.other) {
    const reaching = entry.reachB ?? ['ministry_admin'];
    for (const role of allowed) {
      const reachesB = reaching.includes(role);
      const expected = reachesB ? 'reaches unit B' : '404 NOT_FOUND or unit B absent';
      cases.push(line(`unit B as ${role} → ${expected}`, { kind: 'other', role, reachesB }));
    }
  }
  return cases;
}

/** A URL with every parameter filled by a value that names no record. */
export function fillParams(url: string): string {
  return url.replace(':token', 'x'.repeat(43)).replace(/:\w+/g, '00000000-0000-4000-8000-000000000000');
}
