import { describe, expect, it } from 'vitest';
import { mfaLoginExample } from '../../examples/login-mfa.js';
import { useLocalAuthing } from './harness.js';

const h = useLocalAuthing();

describe('examples/login-mfa.ts', () => {
  it('runs against authing-local with the outcome its comments state', async () => {
    await h.management.users.create({ username: 'mfa_example', password: 's3cret-passw0rd' });
    const outcome = await mfaLoginExample({ appId: h.server.appId, host: h.server.url, username: 'mfa_example', password: 's3cret-passw0rd' });
    expect(outcome).toEqual({ qrcodeIsImage: true, hasRecoveryCode: true, challengeCode: 1635, loggedInAs: 'mfa_example', sameToken: true });
  });
});
