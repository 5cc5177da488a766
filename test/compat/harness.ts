import { generateSync } from 'otplib';
import { ManagementClient } from 'authing-js-sdk';
import { startLocalAuthing, type LocalAuthing } from 'authing-local';
import { afterAll, beforeAll } from 'vitest';
import { testDatabase } from '../../server/test/support/databases.js';

export interface OfficialHarness {
  server: LocalAuthing;
  /** The official SDK's ManagementClient for the server's pool. */
  management: ManagementClient;
  /** Unique per test file, for usernames and codes. */
  suffix: string;
}

/**
 * Starts one fresh authing-local (port 0, in memory) for the calling test file, with the official
 * SDK's ManagementClient pointed at it, and closes it after. Read the fields inside tests (they are
 * filled in `beforeAll`).
 */
export function useOfficialSdk(): OfficialHarness {
  const h = { suffix: Date.now().toString(36) } as OfficialHarness;
  beforeAll(async () => {
    h.server = await startLocalAuthing({ port: 0, db: testDatabase(), log: () => undefined });
    h.management = new ManagementClient({ userPoolId: h.server.userPoolId, secret: h.server.secret, host: h.server.url });
  });
  afterAll(async () => {
    await h.server?.close();
  });
  return h;
}

/**
 * The failure of an official-SDK call: it throws `{code, message, data}` objects, not Errors (a
 * few paths throw an Error whose message is that JSON). Fails the test when the call succeeds.
 */
export async function officialFailure<T extends { code: number; message: string } = { code: number; message: string; data?: unknown }>(
  promise: Promise<unknown>,
): Promise<T> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  if (error instanceof Error) return JSON.parse(error.message) as T;
  return error as T;
}

/** The TOTP code of `secret` now, or `steps` 30-second windows away. */
export const totpCode = (secret: string, steps = 0): string => generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });
