import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

const script = fileURLToPath(new URL('../../../scripts/pg-cluster.sh', import.meta.url));

/**
 * The `postgres` test project's database: `AUTHING_TEST_POSTGRES` (a URL of an existing server
 * whose user may create databases) or, without it, a throw-away cluster started here with
 * scripts/pg-cluster.sh (PostgreSQL's binaries must be installed: .ci/run installs them). A fresh
 * database is created for the run and dropped after it, with the cluster if one was started.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let admin = process.env.AUTHING_TEST_POSTGRES;
  let cluster: string | undefined;
  if (!admin) {
    cluster = mkdtempSync(join(tmpdir(), 'authing-pg-'));
    try {
      admin = execFileSync(script, ['start', cluster], { encoding: 'utf8' }).trim();
    } catch (error) {
      throw new Error(
        'The postgres test project needs PostgreSQL: install it (apt-get install postgresql) or set AUTHING_TEST_POSTGRES=postgres://user:pass@host:port/db',
        { cause: error },
      );
    }
  }
  const name = `authing_test_${process.pid}_${Date.now()}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  project.provide('postgresUrl', url.toString());
  return async () => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
    if (cluster) execFileSync(script, ['stop', cluster]);
  };
}
