import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt } from './_columns.js';

/** The Ministry, its divisions, commissioned units and their vendors (item 二). */
export const organisations = pgTable(
  'organisations',
  {
    id: idColumn(),
    kind: text('kind', { enum: ['ministry', 'division', 'unit', 'vendor'] }).notNull(),
    unitType: text('unit_type', { enum: ['school', 'agency', 'company', 'other'] }),
    /** Responsibility level (資通安全責任等級) of a commissioned unit; sets scan and pentest frequencies (items 十七, 四十二, 四十三). */
    responsibilityLevel: text('responsibility_level', { enum: ['A', 'B', 'C'] }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    parentId: uuid('parent_id').references((): AnyPgColumn => organisations.id, { onDelete: 'restrict' }),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('organisations_parent_idx').on(t.parentId),
    index('organisations_kind_idx').on(t.kind),
    // Codes are unique regardless of case: `ntnu` and `NTNU` are one organisation (migration 0002).
    uniqueIndex('organisations_code_uq').on(sql`lower(${t.code})`),
  ],
);
