import type { LightMyRequestResponse } from 'fastify';
import type { Permission, Role } from '@custodian/shared';
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

/**
 * A request aimed at unit B's records. Unit B lies outside the scope of every test user
 * except the Ministry's admin: unit A's unit_admin and unit_member, the auditor assigned to
 * unit A, and the ministry_owner supervising unit A.
 */
export type OtherProbe = MatrixRequest & {
  /**
   * For routes that answer every caller with 2xx (lists, counts, exports, previews): whether
   * unit B's record showed through. Without it, a caller outside unit B's scope must get
   * 404 NOT_FOUND, never 403, so the record's existence does not leak.
   */
  showsB?: (res: LightMyRequestResponse) => boolean | Promise<boolean>;
};

type OwnSide =
  | {
      /** A valid request on the caller's own records; every allowed role must get 2xx (anonymous for public routes). */
      own: (c: MatrixContext, role: Role) => MatrixRequest | Promise<MatrixRequest>;
      ownReason?: never;
    }
  | { own?: never; /** Why the route has no `own` probe, and what covers it instead. */ ownReason: string };

type OtherSide =
  | {
      /** The request aimed at unit B's records, made by every allowed role. */
      other: (c: MatrixContext, role: Role) => OtherProbe | Promise<OtherProbe>;
      otherReason?: never;
      /**
       * Roles that may reach unit B's record: by default the Ministry's admin, who sees all.
       * Their probe must succeed (and show unit B), which proves the others' 404 is not a
       * broken fixture.
       */
      reachB?: readonly Role[];
    }
  | { other?: never; /** Why the route has no `other` probe. */ otherReason: string; reachB?: never };

export type MatrixEntry = (
  | {
      /** Who may call the route: anyone ('public') or every signed-in user ('any'). */
      roles: 'public' | 'any';
      permission?: never;
    }
  | {
      /**
       * The named permission the route must declare; its holders (`rolesWith`, from
       * packages/shared/src/permissions.ts) are the roles the probes expect to be let in,
       * and every other role must get 403 FORBIDDEN.
       */
      permission: Permission;
      roles?: never;
    }
) &
  OwnSide &
  OtherSide;

/** The usual reasons for a route without an `other` probe. */
export const NO_OTHER = {
  public: 'public route: it holds no organisation’s record',
  policy: 'the rule set is the Ministry’s, the same for every organisation',
  self: 'acts on the caller’s own account and takes no id that could name another user’s',
  catalogue: 'lists what the server’s modules registered, the same for every organisation',
} as const;

/** Parses a JSON body as a list page. */
export function itemsOf<T = Record<string, unknown>>(res: LightMyRequestResponse): T[] {
  return (JSON.parse(res.body) as { items: T[] }).items;
}

/** `showsB` for a list whose items carry unit B's id in `field`. */
export function listShowsB(c: MatrixContext, field: 'id' | 'orgId' | 'unitId') {
  return (res: LightMyRequestResponse) => itemsOf(res).some((i) => i[field] === c.w.orgs.unitB.id);
}

/**
 * `showsB` for a count (dashboard, usage counts): the response is taken before and after
 * `addToB` adds a record to unit B; it shows unit B when the two differ.
 */
export async function countsB(
  c: MatrixContext,
  role: Role,
  request: { url: string; addToB: () => Promise<unknown> },
): Promise<OtherProbe> {
  const before = await c.t.app.inject({ method: 'GET', url: request.url, headers: c.sessions[role] });
  await request.addToB();
  return { url: request.url, showsB: (res) => res.body !== before.body };
}

/** The test user of each role: unit roles in unit A, the auditor assigned to and the owner supervising unit A. */
export const ROLE_USERS: Record<Role, keyof World['users']> = {
  ministry_admin: 'ministryAdmin',
  ministry_owner: 'ministryOwner',
  auditor: 'auditor',
  unit_admin: 'unitAdminA',
  unit_member: 'unitMemberA',
};

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
