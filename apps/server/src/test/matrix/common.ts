import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Role } from '@custodian/shared';
import type { World } from '../../db/factories.js';
import type { RegistryWorld } from '../../db/registry-factories.js';
import type { TestApp } from '../helpers.js';

export type MatrixContext = {
  t: TestApp;
  w: World;
  /** An active session for one user of each role (unit roles in unit A). */
  sessions: Record<Role, Record<string, string>>;
  unitAdminB: Record<string, string>;
  /** Contract, system, host, contact and allocation of unit A (owned by the world's ministry_owner) and of unit B. */
  registry: RegistryWorld;
};

export type MatrixRequest = {
  url: string;
  /** A JSON object, or a raw body (e.g. multipart) sent with its own content type in `headers`. */
  payload?: Record<string, unknown> | Buffer;
  /** Extra request headers, merged over the session's. */
  headers?: Record<string, string>;
};
export type MatrixProbe = MatrixRequest & { check?: (res: LightMyRequestResponse, label: string) => void };

export type MatrixEntry = {
  /** Who may call the route: must equal the route's declared access rule. */
  roles: 'public' | 'any' | readonly Role[];
  /** A valid request on the caller's own records; every allowed role must get 2xx. */
  own?: (c: MatrixContext, role: Role) => MatrixRequest | Promise<MatrixRequest>;
  /** The request aimed at unit B's records, made by unit A's unit_admin. */
  other?: (c: MatrixContext) => MatrixProbe | Promise<MatrixProbe>;
};

export const MANAGERS = ['ministry_admin', 'unit_admin'] as const;
export const AUDIT_READERS = ['ministry_admin', 'ministry_owner', 'auditor', 'unit_admin'] as const;

/** A list response must not contain any of unit B's records. */
export function excludesUnitB(c: MatrixContext, field: 'id' | 'orgId') {
  return (res: LightMyRequestResponse, label: string) => {
    expect(res.statusCode, label).toBe(200);
    const items = (JSON.parse(res.body) as { items: Record<string, unknown>[] }).items;
    expect(
      items.filter((i) => i[field] === c.w.orgs.unitB.id),
      label,
    ).toEqual([]);
  };
}

/** An organisation the role's test user may read: its own, or (auditor) its assigned unit. */
export function ownOrgId(c: MatrixContext, role: Role): string {
  switch (role) {
    case 'ministry_admin':
      return c.w.orgs.ministry.id;
    case 'ministry_owner':
      return c.w.orgs.division.id;
    case 'auditor':
    case 'unit_admin':
    case 'unit_member':
      return c.w.orgs.unitA.id;
  }
}

let counter = 0;
/** A number never handed out before in this run. */
export const nextCounter = () => (counter += 1);
/** A value unique within this run, e.g. for codes and e-mail addresses. */
export const unique = (prefix: string) => `${prefix}-${nextCounter()}`;
