import { describe, expect, it } from 'vitest';
import { qrcodeLoginExample } from '../../examples/login-qrcode.js';
import { useLocalAuthing } from './harness.js';

const h = useLocalAuthing();

describe('examples/login-qrcode.ts', () => {
  it('runs against authing-local with the outcome its comments state', async () => {
    await h.management.users.create({ username: 'qr_example', nickname: 'Quinn', password: 's3cret-passw0rd' });
    const outcome = await qrcodeLoginExample({ appId: h.server.appId, host: h.server.url, username: 'qr_example', password: 's3cret-passw0rd' });
    expect(outcome).toEqual({ steps: ['scanned by Quinn', 'confirmed'], outcome: 'success', loggedInAs: 'qr_example', sameToken: true });
  });
});
