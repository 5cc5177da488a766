/**
 * The official authing-js-sdk 4.23.55 against authing-local: `managementClient.userpool.detail`
 * (REST) and `update` (its own `updateUserpool` document, which selects every `UserPool` field),
 * and `managementClient.whitelist.*`, with the registration refusal its own test expects.
 */
import { AuthenticationClient } from 'authing-js-sdk';
import { describe, expect, it } from 'vitest';
import { useOfficialSdk } from './harness.js';

const h = useOfficialSdk();
// The official SDK types these as its own enum; the wire values are the strings.
const EMAIL = 'EMAIL' as never;
const PHONE = 'PHONE' as never;

describe('official authing-js-sdk 4.23.55: userpool and whitelist', () => {
  it('reads the pool with userpool.detail() and changes it with userpool.update()', async () => {
    const detail = await h.management.userpool.detail();
    expect(detail).toMatchObject({ id: h.server.userPoolId, registerDisabled: false, whitelist: { emailEnabled: false } });
    const updated = await h.management.userpool.update({
      name: `compat ${h.suffix}`,
      loginPasswordFailCheck: { enabled: true, limit: 7, timeInterval: 120 },
    });
    expect(updated).toMatchObject({
      id: h.server.userPoolId,
      name: `compat ${h.suffix}`,
      loginPasswordFailCheck: { enabled: true, limit: 7, timeInterval: 120 },
      verifyCodeMaxAttempts: 5,
    });
    expect(await h.management.userpool.detail()).toMatchObject({ name: `compat ${h.suffix}`, loginPasswordFailCheck: { limit: 7 } });
    await h.management.userpool.update({ loginPasswordFailCheck: { enabled: false } });
  });

  it('runs its own whitelist test: enable, add, a stranger cannot register, the invited can', async () => {
    const invited = `Invited_${h.suffix}@Example.com`;
    await h.management.whitelist.enable(EMAIL);
    const added = await h.management.whitelist.add(EMAIL, [invited]);
    expect(added.map((e: { value: string }) => e.value)).toEqual([invited.toLowerCase()]);
    expect((await h.management.whitelist.list(EMAIL)).some((e: { value: string }) => e.value === invited.toLowerCase())).toBe(true);

    const auth = new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url });
    await expect(auth.registerByEmail(`stranger_${h.suffix}@example.com`, 'Passw0rd!')).rejects.toMatchObject({ code: 2040 });
    const user = await auth.registerByEmail(invited, 'Passw0rd!');
    expect(user.email).toBe(invited.toLowerCase());

    const removed = await h.management.whitelist.remove(EMAIL, [invited]);
    expect(removed.map((e: { value: string }) => e.value)).toEqual([invited.toLowerCase()]);
    await h.management.whitelist.disable(EMAIL);
    await h.management.whitelist.disable(PHONE);
    const pool = await h.management.userpool.detail();
    expect(pool.whitelist).toEqual({ usernameEnabled: false, emailEnabled: false, phoneEnabled: false });
  });
});
