/**
 * docs/coverage.md is made by scripts/coverage.ts from the client classes, the schemas and the
 * server's handlers; this keeps it from drifting, and holds the areas issue 6 completed to
 * "ours: yes, served: yes" on every row.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderCoverage } from '../../scripts/coverage.js';

const repository = join(import.meta.dirname, '../..');

/** The cells of a table row, `\|` kept inside its cell. */
const cellsOf = (row: string) => row.slice(2, -2).split(/(?<!\\)\|/).map((c) => c.trim());

describe('docs/coverage.md', () => {
  let rendered: string;
  beforeAll(async () => {
    rendered = await renderCoverage();
  }, 60_000);

  it('is what the sources say (run `npm run coverage` after adding a method)', () => {
    expect(readFileSync(join(repository, 'docs/coverage.md'), 'utf8')).toBe(rendered);
  });

  it('every method of ours sends only requests authing-local serves', () => {
    const [areas = '', beyond = ''] = rendered.split('## Ours beyond the official surface');
    const official = areas.split('\n').filter((line) => /^\| [\w.(]/.test(line) && cellsOf(line).length === 6 && !line.startsWith('| method'));
    expect(official.length).toBeGreaterThan(300);
    // A URL builder sends nothing itself: its `@opens` names the page its URL opens, which must be served too.
    const sends = (line: string) => cellsOf(line)[4] !== 'no' && cellsOf(line)[4] !== 'no request';
    expect(official.filter((line) => sends(line) && cellsOf(line)[5] !== 'yes')).toEqual([]);
    const urlBuilders = official.filter((line) => cellsOf(line)[3]?.startsWith('URL /') && cellsOf(line)[4] !== 'no');
    expect(urlBuilders.length).toBeGreaterThan(5);
    expect(urlBuilders.filter((line) => !sends(line))).toEqual([]);
    expect(beyond.split('\n').filter((line) => line.endsWith('| no |'))).toEqual([]);
  });

  it('users, roles, groups, org, udf, acl, policies, userpool, whitelist, applications, statistics, tenants, MFA and every end-user area are complete: every row ours and served', () => {
    const areas = [
      'users',
      'roles',
      'groups',
      'org',
      'udf',
      'acl / permissions',
      'policies',
      'tenants',
      'whitelist',
      'userpool',
      'applications',
      'statistics / audit',
      'MFA',
      'auth: register',
      'auth: login variants',
      'auth: codes (sms/email)',
      'auth: password',
      'auth: email / phone',
      'auth: profile / udv / account links',
      'auth: my roles / resources / orgs / apps',
      'auth: tokens / login status / logout',
    ];
    const missing: string[] = [];
    for (const area of areas) {
      const section = rendered.split(`### ${area}\n`)[1]?.split('\n### ')[0] ?? '';
      const rows = section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| method'));
      expect(rows.length, area).toBeGreaterThan(0);
      for (const row of rows) {
        const cells = cellsOf(row);
        if (cells[4] === 'no' || cells[5] !== 'yes') missing.push(`${area}: ${cells[0]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('the event-hub publish rows (management and end user) are ours and served', () => {
    const rows = rendered.split('\n').filter((line) => /^\| (auth\.)?event\.pub /.test(line) && cellsOf(line).length === 6);
    expect(rows.length).toBe(2);
    expect(rows.filter((row) => cellsOf(row)[4] === 'no' || cellsOf(row)[5] !== 'yes')).toEqual([]);
  });

  it('the end-user MFA, QR-code and principal-authentication rows are ours and served', () => {
    const rows = rendered.split('\n').filter((line) => /^\| auth\.(mfa|qrcode|principal)\./.test(line) && cellsOf(line).length === 6);
    expect(rows.length).toBeGreaterThanOrEqual(13 + 5 + 2);
    expect(rows.filter((row) => cellsOf(row)[4] === 'no' || cellsOf(row)[5] !== 'yes')).toEqual([]);
  });
});
