/**
 * One authing-local and one fault server in front of it per test file, the SDK's fetches to run
 * each fault under, and the assertion every fault test makes: the call rejects with an
 * AuthingError (never an untyped throw), and does so within its deadline plus slack.
 */
import { startLocalAuthing, type LocalAuthing } from 'authing-local';
import { AuthingError, ManagementClient, type FetchLike, type ManagementClientBaseOptions } from 'authing-ts';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { faults, startFaultServer, type FaultServer } from './fault-server.js';
import { testDatabase } from '../../server/test/support/databases.js';

/**
 * Added to every deadline when checking how long a call took. Generous: the machine is shared,
 * and the tests check that calls settle, not how fast.
 */
export const SLACK_MS = 2_500;

/** The fetches the faults run under: the SDK's default and the runtime's WHATWG fetch (undici). */
export const FETCHES: ReadonlyArray<{ name: string; fetch: FetchLike | undefined }> = [
  { name: 'default fetch', fetch: undefined },
  { name: 'globalThis.fetch', fetch: (input, init) => globalThis.fetch(input, init) },
];

export interface World {
  local: LocalAuthing;
  faulty: FaultServer;
  /** A ManagementClient talking to authing-local directly, to check what was stored. */
  direct: ManagementClient;
  /** A fresh ManagementClient (its own token) talking to the fault server. */
  client(options?: Partial<ManagementClientBaseOptions>): ManagementClient;
}

/**
 * Starts authing-local and a fault server forwarding to it, for the calling test file; after each
 * test the fault plan goes back to forwarding and the record is cleared.
 * @returns the world, filled in by `beforeAll`
 */
export function useFaultWorld(): World {
  const world = {} as World;
  beforeAll(async () => {
    world.local = await startLocalAuthing({ port: 0, db: testDatabase(), log: () => undefined });
    world.faulty = await startFaultServer(world.local.url);
    const { userPoolId, secret } = world.local;
    world.direct = new ManagementClient({ userPoolId, secret, host: world.local.url });
    world.client = (options = {}) => new ManagementClient({ userPoolId, secret, host: world.faulty.url, ...options });
  });
  afterEach(() => {
    world.faulty.plan(() => faults.forward);
    world.faulty.seen.length = 0;
  });
  afterAll(async () => {
    await world.faulty?.close();
    await world.local?.close();
  });
  return world;
}

/**
 * Awaits a call that must fail, within `withinMs` plus {@link SLACK_MS}.
 * @param call - the pending call
 * @param withinMs - its deadline
 * @returns the AuthingError it rejected with
 */
export async function failsWithin(call: Promise<unknown>, withinMs: number): Promise<AuthingError> {
  const started = performance.now();
  const outcome = await call.then(
    () => new Error('expected the call to fail'),
    (error: unknown) => error,
  );
  expect(performance.now() - started).toBeLessThan(withinMs + SLACK_MS);
  if (!(outcome instanceof AuthingError)) throw outcome instanceof Error ? outcome : new Error(`untyped throw: ${String(outcome)}`);
  return outcome;
}

/** A unique code, so that tests in one file never collide. */
export const uid = (() => {
  let n = 0;
  return (prefix: string) => `${prefix}_${Date.now().toString(36)}_${(n++).toString(36)}`;
})();

/**
 * @param ms - how long
 * @returns a promise resolving after `ms`
 */
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
