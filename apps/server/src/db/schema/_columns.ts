import { timestamp, uuid } from 'drizzle-orm/pg-core';

/** Primary key column used by every table. */
export const idColumn = () => uuid('id').primaryKey().defaultRandom();
/** Timestamps are stored as timestamptz (UTC) and read as Date. */
export const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
export const createdAt = () => timestamptz('created_at').notNull().defaultNow();
export const updatedAt = () => timestamptz('updated_at').notNull().defaultNow();
