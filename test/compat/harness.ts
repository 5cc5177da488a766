import { ManagementClient } from 'authing-js-sdk';
import { startLocalAuthing, type LocalAuthing } from 'authing-local';
import { afterAll, beforeAll } from 'vitest';

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
    h.server = await startLocalAuthing({ port: 0, db: ':memory:', log: () => undefined });
    h.management = new ManagementClient({ userPoolId: h.server.userPoolId, secret: h.server.secret, host: h.server.url });
  });
  afterAll(async () => {
    await h.server?.close();
  });
  return h;
}
