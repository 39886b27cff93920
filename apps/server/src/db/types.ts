import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type * as schema from './schema/index.js';

/*
 * The database types live apart from client.ts so that code the client itself calls at
 * start-up (reference data, the policy store) can name them without an import cycle.
 */

export type Schema = typeof schema;
/** The database both drivers expose; services and repositories only see this type. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Repositories accept either the database or an open transaction. */
export type Executor = Database | Transaction;
export type DbDriver = 'pglite' | 'postgres';
