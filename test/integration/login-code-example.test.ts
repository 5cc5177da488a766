import { describe, expect, it } from 'vitest';
import { loginCodeExample } from '../../examples/login-code.js';
import { useLocalAuthing } from './harness.js';

const h = useLocalAuthing();

describe('examples/login-code.ts', () => {
  it('runs against authing-local with the outcome its comments state', async () => {
    const phone = '13912345678';
    const first = await loginCodeExample({ appId: h.server.appId, host: h.server.url, phone });
    expect(first).toEqual({ phone, newlyCreated: true, sessionUser: true, phoneVerified: true, reuse: 2002 });
    const users = await h.management.users.list(1, 10);
    expect(users.list.filter((u) => u.phone === phone)).toHaveLength(1);
  });
});
