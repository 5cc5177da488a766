import { describe, expect, it } from 'vitest';
import { resetPasswordExample } from '../../examples/reset-password.js';
import { failure, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();

describe('examples/reset-password.ts', () => {
  it('runs against authing-local with the outcome its comments state', async () => {
    const email = 'forgetful@example.com';
    await h.management.users.create({ email, password: 'f0rgotten-passw0rd' });
    const session = h.authentication();
    await session.loginByEmail(email, 'f0rgotten-passw0rd');
    const outcome = await resetPasswordExample({ appId: h.server.appId, host: h.server.url, email, newPassword: 'rem3mbered-passw0rd' });
    expect(outcome).toEqual({ reset: 200, reuse: 2002, loggedInAs: email, hasToken: true });
    // The session from before the reset has ended.
    expect((await failure(session.getCurrentUser())).code).toBe(2020);
  });
});
