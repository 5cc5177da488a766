/**
 * The hostile-input suite: seeded requests generated from the schemas (generate.ts) against one
 * authing-local over real HTTP, with a management token, an end-user token or none. Three phases:
 * requests built to be refused (malformed: 15 %), requests one at a time (8 %), and everything mixed,
 * 16 in flight (the rest).
 *
 * Every answer must come within 2 s (a bound on behaviour, not a benchmark), never be 5xx nor a
 * masked 500, and be in Authing's shape whenever it refuses; the server must keep answering /health,
 * log no unexpected error and leave Object.prototype alone; and whenever every request of a batch
 * was refused, every table must be as it was (a hash of the database file, read beside the server).
 *
 * The seed is printed; `HOSTILE_SEED=<seed>` replays a run (a failure names its batch),
 * `HOSTILE_RUNS=<n>` changes its length, `HOSTILE_DEBUG=1` splits the outcomes by message.
 */
import { ManagementClient } from 'authing-ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anyRequest, batch, type HostileRequest, type Known } from './generate.js';
import { graphqlRefusedWhole, refusals, send, startHostileServer, type HostileServer, type RawResponse } from './helpers.js';
import { restOperations, rootFields } from './model.js';

const SEED = process.env.HOSTILE_SEED ? Number(process.env.HOSTILE_SEED) : Math.floor(Math.random() * 2 ** 31);
const RUNS = Number(process.env.HOSTILE_RUNS ?? 10_000);
const IN_FLIGHT = 16;
const MAX_MS = 2000;

let h: HostileServer;
let known: Known;

beforeAll(async () => {
  console.log(`hostile suite: seed ${SEED} (replay with HOSTILE_SEED=${SEED}), ${RUNS} requests on ${rootFields.length} GraphQL root fields and ${restOperations.length} REST operations`);
  h = await startHostileServer();
  const m = new ManagementClient({ userPoolId: h.server.userPoolId, secret: h.server.secret, host: h.server.url });
  // Some data, so generated requests reach past "not found": its ids and codes seed the strings.
  const users = await Promise.all(['fuzz_a', 'fuzz_b', 'fuzz_c'].map((username) => m.users.create({ username, password: 'Passw0rd!', email: `${username}@example.com` })));
  await m.roles.create('fuzz_role');
  await m.roles.addUsers('fuzz_role', users.map((u) => u.id));
  await m.groups.create('fuzz_group', 'Fuzz group');
  await m.groups.addUsers('fuzz_group', users.map((u) => u.id));
  const org = await m.org.create('Fuzz org', 'fuzz org', 'fuzz_org');
  await m.org.addMembers(org.rootNode.id, [users[0]?.id ?? '']);
  await m.acl.createNamespace('fuzz_ns', 'Fuzz');
  await m.acl.createResource({ namespace: 'fuzz_ns', code: 'books', actions: [{ name: 'books:read', description: 'Read' }] });
  await m.acl.allow(users[0]?.id ?? '', 'books:1', 'books:read', 'fuzz_ns');
  const me = await fetch(`${h.server.url}/api/v2/users/me`, { headers: { authorization: `Bearer ${h.userToken}`, 'x-authing-userpool-id': h.server.userPoolId } });
  const userId = ((await me.json()) as { data?: { id?: string } }).data?.id ?? '';
  known = {
    poolId: h.server.userPoolId,
    appId: h.server.appId,
    userId,
    managementToken: h.managementToken,
    userToken: h.userToken,
    byName: {
      userId: [userId, ...users.map((u) => u.id)],
      id: [userId, ...users.map((u) => u.id), org.id, org.rootNode.id],
      appId: [h.server.appId],
      userPoolId: [h.server.userPoolId],
      code: ['fuzz_role', 'fuzz_group', 'fuzz_ns', 'books', 'fuzz_org'],
      roleCode: ['fuzz_role'],
      codeList: ['fuzz_role', 'fuzz_group'],
      namespace: ['fuzz_ns', 'default'],
      namespaceCode: ['fuzz_ns', 'default'],
      namespaceId: ['1', '2', '3'],
      orgId: [org.id],
      nodeId: [org.rootNode.id],
      parentNodeId: [org.rootNode.id],
      resource: ['books:1', 'books:*', 'books'],
      action: ['books:read', '*'],
      targetIdentifier: [userId, 'fuzz_role', 'fuzz_group', org.rootNode.id],
      email: ['fuzz_a@example.com', 'new_user@example.com'],
      username: ['fuzz_a', 'new_user'],
    },
    strings: [h.server.userPoolId, h.server.appId, userId, ...users.map((u) => u.id), 'fuzz_a', 'fuzz_role', 'fuzz_group', 'fuzz_ns', 'default', 'books', 'books:1', 'books:read', org.id, org.rootNode.id, 'USER', 'ROLE', 'GROUP', 'ORG', 'DATA', 'API'],
  };
});

afterAll(async () => {
  await h?.close();
});

interface Problem {
  batch: number;
  request: string;
  problem: string;
}

function describeRequest(req: HostileRequest): string {
  const body = req.body ? ` body(${req.body.length} B): ${req.body.subarray(0, 160).toString('utf8')}` : '';
  return `[${req.kind}] ${req.method} ${req.path.slice(0, 160)}${body}`;
}

/** What is wrong with an answer, or null. */
function check(req: HostileRequest, res: RawResponse): string | null {
  if (res.status >= 500) return `HTTP ${res.status}: ${res.text.slice(0, 200)}`;
  if (res.ms > MAX_MS) return `answered in ${Math.round(res.ms)} ms (over ${MAX_MS})`;
  if (req.method === 'HEAD') return null;
  try {
    const masked = refusals(res, req.graphql && req.path.startsWith('/graphql/v2')).find((r) => r.code >= 500 && r.code < 600);
    if (masked) return `refused with code ${masked.code} (an unexpected failure, masked): ${res.text.slice(0, 200)}`;
  } catch (error) {
    return (error as Error).message;
  }
  return null;
}

/** Whether the server did nothing for this answer: a refusal as a whole. */
function refusedWhole(req: HostileRequest, res: RawResponse): boolean {
  if (res.status !== 200) return true;
  if (req.graphql) return graphqlRefusedWhole(res);
  try {
    const body = JSON.parse(res.text) as { code?: unknown; statusCode?: unknown };
    // v3 paths answer `statusCode` instead of `code`.
    return (body.code ?? body.statusCode) !== 200;
  } catch {
    return false;
  }
}

interface RunResult {
  sent: number;
  /** Answers by outcome: `ok`, or the first refusal's code. */
  outcomes: Map<string, number>;
  problems: Problem[];
  refusedBatches: number;
  changedBy: string[];
}

/**
 * Sends `total` requests in batches of `inFlight`; after each batch, checks /health and the
 * log, and when every answer of the batch was a refusal, that the database did not change.
 */
async function run(total: number, first: number, make: (r: Parameters<typeof anyRequest>[0], k: Known) => HostileRequest, inFlight = IN_FLIGHT): Promise<RunResult> {
  const result: RunResult = { sent: 0, outcomes: new Map(), problems: [], refusedBatches: 0, changedBy: [] };
  // The server runs in this process: a polluted prototype would show here.
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).join();
  // The tables are hashed again only after a batch in which the server committed something.
  let before = h.dbHash();
  let version = h.dbVersion();
  let hashMs = 0;
  for (let b = first; result.sent < total; b++) {
    const requests = batch(SEED, b, Math.min(inFlight, total - result.sent), known, make);
    const logged = h.log.length;
    const answers = await Promise.all(
      requests.map((req) =>
        send(h.server.url, { method: req.method, path: req.path, headers: req.headers, ...(req.body ? { body: req.body } : {}) }, 10_000).then(
          (res) => ({ req, res, error: null as string | null }),
          (error: unknown) => ({ req, res: null, error: `no answer: ${(error as Error).message}` }),
        ),
      ),
    );
    result.sent += requests.length;
    for (const { req, res, error } of answers) {
      const outcome = res ? outcomeOf(req, res) : 'no answer';
      result.outcomes.set(outcome, (result.outcomes.get(outcome) ?? 0) + 1);
      const problem = error ?? (res ? (check(req, res) ?? (req.malformed && !refusedWhole(req, res) ? `built to be refused, but answered: ${res.text.slice(0, 300)}` : null)) : null);
      if (problem) result.problems.push({ batch: b, request: describeRequest(req), problem });
    }
    if (h.log.length > logged) {
      const entries = h.log.slice(logged).map((e) => (e instanceof Error ? (e.stack ?? e.message) : String(e)).slice(0, 600));
      result.problems.push({ batch: b, request: requests.map(describeRequest).join('\n'), problem: `server logged: ${entries.join('\n')}` });
    }
    const refused = answers.every(({ req, res }) => res && refusedWhole(req, res));
    if (refused) result.refusedBatches++;
    const now = h.dbVersion();
    if (now !== version) {
      const hashStarted = performance.now();
      const after = h.dbHash();
      hashMs += performance.now() - hashStarted;
      if (refused && after !== before) result.changedBy.push(`batch ${b}: ${answers.map(({ req }) => describeRequest(req)).join('\n  ')}`);
      before = after;
      version = now;
    }
    if (b % 25 === 0) {
      const health = await send(h.server.url, { method: 'GET', path: '/health' }, 5000).catch(() => null);
      if (health?.status !== 200) result.problems.push({ batch: b, request: 'GET /health', problem: `health check failed after batch ${b}` });
    }
  }
  if (Object.getOwnPropertyNames(Object.prototype).join() !== prototypeKeys || 'polluted' in {}) {
    result.problems.push({ batch: first, request: '(the whole run)', problem: `Object.prototype changed: ${Object.getOwnPropertyNames(Object.prototype).join()}` });
  }
  if (process.env.HOSTILE_DEBUG) console.log(`hashing took ${Math.round(hashMs)} ms`);
  return result;
}

function outcomeOf(req: HostileRequest, res: RawResponse): string {
  try {
    const first = refusals(res, req.graphql && req.path.startsWith('/graphql/v2'))[0];
    if (!first) return 'ok';
    // HOSTILE_DEBUG=1 splits the outcomes by message, to see what the generated requests run into.
    return process.env.HOSTILE_DEBUG ? `${first.code} ${first.message.replace(/"[^"]*"|\d+/g, '…').slice(0, 70)}` : `${first.code}`;
  } catch {
    return `HTTP ${res.status}`;
  }
}

function outcomes(result: RunResult): string {
  return [...result.outcomes]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k}: ${n}`)
    .join(', ');
}

function report(result: RunResult): string {
  return `seed ${SEED} (HOSTILE_SEED=${SEED} to replay): ${result.problems.length} problems in ${result.sent} requests\n${result.problems
    .slice(0, 12)
    .map((p) => `batch ${p.batch}: ${p.problem}\n  ${p.request}`)
    .join('\n')}`;
}

describe('hostile input generated from the schemas', () => {
  it(
    'requests built to be refused are all refused, in Authing’s shape, and change nothing',
    async () => {
      const malformedOnly = (r: Parameters<typeof anyRequest>[0], k: Known): HostileRequest => {
        for (;;) {
          const req = anyRequest(r, k);
          if (req.malformed) return req;
        }
      };
      const before = h.dbHash();
      const started = performance.now();
      const result = await run(Math.round(RUNS * 0.15), 1_000_000, malformedOnly);
      console.log(`malformed: ${result.sent} requests in ${Math.round(performance.now() - started)} ms; answers by code: ${outcomes(result)}`);
      expect(result.problems, report(result)).toEqual([]);
      expect(result.refusedBatches, 'every batch of malformed requests is refused whole').toBe(Math.ceil(result.sent / IN_FLIGHT));
      expect(h.dbHash()).toBe(before);
    },
    120_000,
  );

  it(
    'requests one at a time: each one refused leaves the database as it was',
    async () => {
      const started = performance.now();
      const result = await run(Math.round(RUNS * 0.08), 2_000_000, anyRequest, 1);
      console.log(`one at a time: ${result.sent} requests in ${Math.round(performance.now() - started)} ms, ${result.refusedBatches} refused; answers by code: ${outcomes(result)}`);
      expect(result.problems, report(result)).toEqual([]);
      expect(result.changedBy, `refused requests that changed the database (seed ${SEED}):\n${result.changedBy.slice(0, 3).join('\n')}`).toEqual([]);
    },
    120_000,
  );

  it(
    'every request is answered within 2 s, never 5xx, in Authing’s shape when refused, and refusals change nothing',
    async () => {
      const started = performance.now();
      const result = await run(RUNS - Math.round(RUNS * 0.15) - Math.round(RUNS * 0.08), 0, anyRequest);
      console.log(`mixed: ${result.sent} requests in ${Math.round(performance.now() - started)} ms, ${result.refusedBatches} batches refused whole; answers by code: ${outcomes(result)}`);
      expect(result.problems, report(result)).toEqual([]);
      expect(result.changedBy, `refused batches that changed the database (seed ${SEED}):\n${result.changedBy.slice(0, 3).join('\n')}`).toEqual([]);
      expect((await send(h.server.url, { method: 'GET', path: '/health' })).status).toBe(200);
      expect(h.log).toEqual([]);
    },
    120_000,
  );
});
