import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL database this run's `postgres` project works in (postgres-setup.ts). */
    postgresUrl: string;
  }
}

/** True in the `postgres` test project: every server the tests start runs on PostgreSQL. */
export const onPostgres = process.env.AUTHING_TEST_DB === 'postgres';

/**
 * The database a test starts its server or store on. SQLite: `file` when given (a test that
 * reopens or reads the file), else `:memory:`. PostgreSQL: a schema of its own in this run's
 * database, so tests never see each other's rows; the same URL reopens the same data.
 */
export function testDatabase(file?: string): string {
  if (!onPostgres) return file ?? ':memory:';
  const url = new URL(inject('postgresUrl'));
  url.searchParams.set('schema', `t_${randomBytes(6).toString('hex')}`);
  return url.toString();
}
