/**
 * `npm run bench`: throughput of the SDK against authing-local over HTTP, the SDK's overhead
 * relative to a raw fetch of the same request, and the permission engine in process.
 * Prints numbers and ratios; there are no thresholds.
 */
import { startLocalAuthing } from 'authing-local';
import { ManagementClient } from 'authing-ts';
import { runEngineBench } from './engine.js';

const SEQUENTIAL = Number(process.env.BENCH_CALLS ?? 2000);
const CONCURRENCY = 16;

async function timed(n: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < n; i++) await fn(i);
  return performance.now() - start;
}

async function timedConcurrent(n: number, workers: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < n) await fn(next++);
    }),
  );
  return performance.now() - start;
}

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

async function main(): Promise<void> {
  const server = await startLocalAuthing({ port: 0, db: ':memory:', log: () => undefined });
  try {
    const management = new ManagementClient({ userPoolId: server.userPoolId, secret: server.secret, host: server.url });
    const user = await management.users.create({ username: `bench_${Date.now()}`, password: 'bench-password' });
    await management.acl.createNamespace('bench', 'Bench');
    await management.roles.create('bench-readers', 'readers', undefined, 'bench');
    await management.roles.addUsers('bench-readers', [user.id], 'bench');
    await management.acl.authorizeResource({
      namespace: 'bench',
      resource: 'books:*',
      opts: [{ targetType: 'ROLE', targetIdentifier: 'bench-readers', actions: ['books:read'] }],
    });
    await management.acl.allow(user.id, 'books:1', 'books:edit', 'bench');

    const check = (i: number) => management.acl.isAllowed(user.id, `books:${i % 50}`, i % 2 ? 'books:read' : 'books:edit', { namespace: 'bench' });
    await timed(200, check); // warm-up: JIT, token, connections

    // The same GraphQL request the SDK sends, with a plain fetch and a fixed token.
    const token = (
      (await (
        await fetch(`${server.url}/graphql/v2`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            query: 'query accessToken($userPoolId: String!, $secret: String!) { accessToken(userPoolId: $userPoolId, secret: $secret) { accessToken } }',
            variables: { userPoolId: server.userPoolId, secret: server.secret },
          }),
        })
      ).json()) as { data: { accessToken: { accessToken: string } } }
    ).data.accessToken.accessToken;
    const rawQuery = 'query isActionAllowed($resource: String!, $action: String!, $userId: String!, $namespace: String) { isActionAllowed(resource: $resource, action: $action, userId: $userId, namespace: $namespace) }';
    const raw = async (i: number) => {
      const res = await fetch(`${server.url}/graphql/v2`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-authing-userpool-id': server.userPoolId },
        body: JSON.stringify({
          query: rawQuery,
          variables: { resource: `books:${i % 50}`, action: i % 2 ? 'books:read' : 'books:edit', userId: user.id, namespace: 'bench' },
        }),
      });
      const body = (await res.json()) as { data?: { isActionAllowed: boolean } };
      if (typeof body.data?.isActionAllowed !== 'boolean') throw new Error('raw request failed');
      return body.data.isActionAllowed;
    };
    await timed(200, raw);

    // Interleaved, so JIT warm-up and machine noise fall on both sides alike.
    let sdkMs = 0;
    let rawMs = 0;
    for (let i = 0; i < SEQUENTIAL; i++) {
      let t = performance.now();
      await check(i);
      sdkMs += performance.now() - t;
      t = performance.now();
      await raw(i);
      rawMs += performance.now() - t;
    }
    // Concurrent runs cannot interleave per call: alternate whole runs and keep each side's best.
    let sdkConcMs = Infinity;
    let rawConcMs = Infinity;
    for (let round = 0; round < 2; round++) {
      sdkConcMs = Math.min(sdkConcMs, await timedConcurrent(SEQUENTIAL, CONCURRENCY, check));
      rawConcMs = Math.min(rawConcMs, await timedConcurrent(SEQUENTIAL, CONCURRENCY, raw));
    }

    console.log('authing-ts bench (authing-local in memory, 127.0.0.1)\n');
    console.log(`SDK acl.isAllowed, sequential:      ${fmt((SEQUENTIAL / sdkMs) * 1000)} calls/s  (${fmt((sdkMs * 1000) / SEQUENTIAL)} µs/call)`);
    console.log(`raw fetch of the same request:      ${fmt((SEQUENTIAL / rawMs) * 1000)} calls/s  (${fmt((rawMs * 1000) / SEQUENTIAL)} µs/call)`);
    console.log(`ratio SDK / raw time, sequential:   ${(sdkMs / rawMs).toFixed(2)}`);
    console.log(`SDK acl.isAllowed, ${CONCURRENCY} concurrent:   ${fmt((SEQUENTIAL / sdkConcMs) * 1000)} calls/s`);
    console.log(`raw fetch, ${CONCURRENCY} concurrent:           ${fmt((SEQUENTIAL / rawConcMs) * 1000)} calls/s`);
    console.log(`ratio SDK / raw time, concurrent:   ${(sdkConcMs / rawConcMs).toFixed(2)}`);
  } finally {
    await server.close();
  }

  const engine = runEngineBench();
  console.log(`\nengine in process (${fmt(engine.users)} users, ${fmt(engine.grants)} grants, built in ${fmt(engine.buildMs)} ms)`);
  console.log(`isAllowed:      ${fmt(engine.checksPerSecond)} checks/s (${engine.microsPerCheck.toFixed(2)} µs/check)`);
  console.log(`userResources:  ${fmt(engine.userResourcesPerSecond)} listings/s (avg ${fmt(engine.avgUserResources)} rows)`);
  console.log(`apply:          ${fmt(engine.appliesPerSecond)} changes/s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
