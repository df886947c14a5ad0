/**
 * The database: node:sqlite in WAL mode, numbered migrations, and small repository functions
 * taking the handle. The only code in Healed that runs SQL. Server code gets its handle from
 * `./server.ts`; scripts call `createDatabase(config.dataDir)`.
 */
export type * from './types.ts';
export { openDatabase, inTransaction } from './database.ts';
export { createDatabase, databaseFile } from './create-database.ts';
export { migrate } from './migrate.ts';
export { migrations } from './migrations/index.ts';
export * from './users.ts';
export * from './sessions.ts';
export * from './login-attempts.ts';
export * from './audit.ts';
export * from './cache-invalidations.ts';
export { openParseCache, type ParseCache } from './parse-cache.ts';
