import type { Bilingual } from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import type { RowName } from '../../db/names.js';

/**
 * How one kind of audited record is shown (ADR 0018): its kind's label, the display names
 * of a batch of its records, and the web page of one record.
 */
export type AuditTargetRegistration = {
  label: Bilingual;
  /**
   * Display names of the records of this kind that still exist, by id, in one query for a
   * whole page of events (`namesByIds` in db/names.ts). An id missing from the answer is a
   * deleted record.
   */
  names?: (db: Executor, ids: readonly string[]) => Promise<ReadonlyMap<string, RowName>>;
  /**
   * The web page of a record: `:id` stands for its id, `:parentId` for the parent `names`
   * returned (e.g. `/systems/:id`, or `/contracts/:parentId` for a risk assessment).
   */
  link?: `/${string}`;
};

/** What a module registers about the audit events it writes: labels of its actions and its target kinds. */
export type AuditRegistration = {
  /** Every action code the module writes (`recordAudit({ action })`), with its zh-TW and English label. */
  actions: Readonly<Record<string, Bilingual>>;
  /** The kinds of record its events point to (`targetType`), when the module owns them. */
  targets?: Readonly<Record<string, AuditTargetRegistration>>;
};

/** Helper that keeps the action codes as literal types, for a module's `<m>.audit.ts`. */
export function defineAudit<const R extends AuditRegistration>(registration: R): R {
  return registration;
}

export type AuditAction = { code: string; label: Bilingual; module: string };

/** Every module's audit registrations merged: actions and target kinds, each registered once. */
export type AuditCatalog = {
  actions: ReadonlyMap<string, AuditAction>;
  targets: ReadonlyMap<string, AuditTargetRegistration>;
};

/**
 * Merges the registrations of the modules; an action or target kind registered by two
 * modules is a programming error, found at start-up and in every test.
 */
export function buildAuditCatalog(modules: readonly { name: string; audit?: AuditRegistration }[]): AuditCatalog {
  const actions = new Map<string, AuditAction>();
  const targets = new Map<string, AuditTargetRegistration>();
  for (const mod of modules) {
    for (const [code, label] of Object.entries(mod.audit?.actions ?? {})) {
      const seen = actions.get(code);
      if (seen) {
        throw new Error(`Audit action "${code}" is registered by ${seen.module} and ${mod.name}`);
      }
      actions.set(code, { code, label, module: mod.name });
    }
    for (const [type, target] of Object.entries(mod.audit?.targets ?? {})) {
      if (targets.has(type)) {
        throw new Error(`Audit target type "${type}" is registered twice (module ${mod.name})`);
      }
      targets.set(type, target);
    }
  }
  return { actions, targets };
}

const catalogs = new WeakMap<readonly unknown[], AuditCatalog>();

/** The catalog of a module list, built once per list. */
export function auditCatalogOf(modules: readonly { name: string; audit?: AuditRegistration }[]): AuditCatalog {
  let catalog = catalogs.get(modules);
  if (!catalog) {
    catalog = buildAuditCatalog(modules);
    catalogs.set(modules, catalog);
  }
  return catalog;
}

function linkOf(template: string | undefined, id: string, parentId: string | null): string | null {
  if (!template || (template.includes(':parentId') && !parentId)) {
    return null;
  }
  return template.replace(':parentId', encodeURIComponent(parentId ?? '')).replace(':id', encodeURIComponent(id));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type ResolvedTarget = { name: string | null; nameEn: string | null; link: string | null; deleted: boolean };

/**
 * Resolves the targets of a batch of events: one `names` query per kind of record present,
 * never one per row. A target of a kind without a resolver, or without an id, has no name;
 * an id its kind's resolver does not return is a deleted record.
 */
export async function resolveAuditTargets(
  db: Executor,
  catalog: AuditCatalog,
  events: readonly { targetType: string; targetId: string | null }[],
): Promise<(key: { targetType: string; targetId: string | null }) => ResolvedTarget> {
  const idsByType = new Map<string, Set<string>>();
  for (const e of events) {
    // Record ids are UUIDs; anything else (an old free-text id) is not looked up.
    if (e.targetId && UUID.test(e.targetId) && catalog.targets.get(e.targetType)?.names) {
      const ids = idsByType.get(e.targetType) ?? new Set<string>();
      ids.add(e.targetId);
      idsByType.set(e.targetType, ids);
    }
  }
  const namesByType = new Map<string, ReadonlyMap<string, RowName>>();
  await Promise.all(
    [...idsByType].map(async ([type, ids]) => {
      const names = catalog.targets.get(type)?.names;
      if (names) {
        namesByType.set(type, await names(db, [...ids]));
      }
    }),
  );
  return ({ targetType, targetId }) => {
    const target = catalog.targets.get(targetType);
    const names = namesByType.get(targetType);
    if (!targetId || !target || !names || !UUID.test(targetId)) {
      return { name: null, nameEn: null, link: null, deleted: false };
    }
    const row = names.get(targetId);
    if (!row) {
      return { name: null, nameEn: null, link: null, deleted: true };
    }
    return { name: row.name, nameEn: row.nameEn, link: linkOf(target.link, targetId, row.parentId), deleted: false };
  };
}
