import { describe, expect, it } from 'vitest';
import { cancel, checkStatus, confirm, exchangeTicket, geneCode, QrStatus, scan } from '../../src/services/qrcode.js';
import type { QrCodeOptions } from '../../src/services/qrcode-options.js';
import { createUser, updateUser } from '../../src/services/users.js';
import { createUserPool, ensureDefaultPool } from '../../src/storage/bootstrap.js';
import { Store } from '../../src/storage/store.js';
import { expectCode } from './helpers.js';
import { testDatabase } from '../support/databases.js';

async function fixture(qrcode: QrCodeOptions = {}) {
  const store = await Store.open(testDatabase(), { qrcode });
  const pool = await ensureDefaultPool(store);
  const ctx = { store, poolId: pool.userPoolId };
  const alice = await createUser(ctx, { username: 'alice', nickname: 'Alice', photo: 'https://example.com/alice.png' });
  const bob = await createUser(ctx, { username: 'bob' });
  return { store, ctx, appId: pool.appId, alice, bob };
}

describe('QR-code login state machine', () => {
  it('goes unscanned → scanned → confirmed → exchanged, recording the login once', async () => {
    const { ctx, appId, alice } = await fixture();
    const t0 = Date.now();
    const code = await geneCode(ctx, { appId, scene: 'APP_AUTH', customData: { hello: 'world' } }, t0);
    expect(code.expiresIn).toBe(120);
    expect(code.url).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(code.payload).toEqual({
      scene: 'APP_AUTH',
      random: code.random,
      userPoolId: ctx.poolId,
      createdAt: new Date(t0).toISOString(),
      expireAt: new Date(t0 + 120_000).toISOString(),
      customData: { hello: 'world' },
    });
    // The image carries the payload in its <desc>.
    expect(Buffer.from(code.url.split(',')[1] ?? '', 'base64').toString()).toContain(`&quot;random&quot;:&quot;${code.random}&quot;`);

    expect(await checkStatus(ctx, code.random, t0 + 1)).toEqual({ random: code.random, status: QrStatus.unscanned, ticket: null, userInfo: null });

    const payload = await scan(ctx, code.random, alice.id, t0 + 2);
    expect(payload.customData).toEqual({ hello: 'world' });
    // Scanning again by the same user changes nothing.
    await scan(ctx, code.random, alice.id, t0 + 3);
    expect(await checkStatus(ctx, code.random, t0 + 4)).toEqual({
      random: code.random,
      status: QrStatus.scanned,
      ticket: null,
      userInfo: { nickname: 'Alice', photo: 'https://example.com/alice.png' },
    });

    const confirmed = await confirm(ctx, code.random, alice.id, t0 + 5);
    expect(confirmed.status).toBe(QrStatus.confirmed);
    expect(confirmed.ticket).toMatch(/^[\w-]{32}$/);
    const checked = await checkStatus(ctx, code.random, t0 + 6);
    expect(checked).toEqual({ ...confirmed });

    const session = await exchangeTicket(ctx, confirmed.ticket ?? '', { appId, clientIp: '10.0.0.7' }, t0 + 7);
    expect(session.user).toMatchObject({ id: alice.id, username: 'alice', loginsCount: 1, lastIP: '10.0.0.7' });
    expect(session.user.lastLogin).not.toBeNull();
    // Spent: the ticket no longer shows, and a replay is refused.
    expect(await checkStatus(ctx, code.random, t0 + 8)).toMatchObject({ status: QrStatus.confirmed, ticket: null });
    await expectCode(exchangeTicket(ctx, confirmed.ticket ?? '', { appId }, t0 + 9), 2245);
    // Nor can the phone act on a confirmed code.
    await expectCode(cancel(ctx, code.random, alice.id, t0 + 10), 2244);
    await expectCode(scan(ctx, code.random, alice.id, t0 + 10), 2244);
  });

  it('refuses custom data too large for a QR code (400) and stores nothing', async () => {
    const { store, ctx, appId } = await fixture();
    await expectCode(geneCode(ctx, { appId, scene: 'APP_AUTH', customData: { blob: 'x'.repeat(4000) } }), 400);
    expect(await store.db.selectFrom('qrcodes').selectAll().execute()).toEqual([]);
  });

  it('lets the scanner cancel, after which nothing more happens', async () => {
    const { ctx, appId, alice } = await fixture();
    const { random } = await geneCode(ctx, { appId, scene: 'WXAPP_AUTH' });
    await expectCode(cancel(ctx, random, alice.id), 2244); // not scanned yet
    await scan(ctx, random, alice.id);
    expect((await cancel(ctx, random, alice.id)).status).toBe(QrStatus.cancelled);
    expect(await checkStatus(ctx, random)).toMatchObject({ status: QrStatus.cancelled, ticket: null });
    const refusal = await expectCode(confirm(ctx, random, alice.id), 2244);
    expect(refusal.data).toEqual({ status: QrStatus.cancelled });
  });

  it('keeps a scanned code to its scanner and refuses confirming before scanning', async () => {
    const { ctx, appId, alice, bob } = await fixture();
    const { random } = await geneCode(ctx, { appId, scene: 'APP_AUTH' });
    await expectCode(confirm(ctx, random, alice.id), 2244);
    await scan(ctx, random, alice.id);
    await expectCode(scan(ctx, random, bob.id), 2243);
    await expectCode(confirm(ctx, random, bob.id), 2243);
    await expectCode(cancel(ctx, random, bob.id), 2243);
    expect((await checkStatus(ctx, random)).status).toBe(QrStatus.scanned);
  });

  it('expires an unconfirmed code, and a ticket not exchanged in time', async () => {
    const { ctx, appId, alice } = await fixture({ ttlSeconds: 10, ticketTtlSeconds: 5 });
    const t0 = Date.now();
    const first = await geneCode(ctx, { appId, scene: 'APP_AUTH' }, t0);
    expect((await checkStatus(ctx, first.random, t0 + 9_999)).status).toBe(QrStatus.unscanned);
    expect((await checkStatus(ctx, first.random, t0 + 10_000)).status).toBe(QrStatus.expired);
    await expectCode(scan(ctx, first.random, alice.id, t0 + 10_000), 2242);

    const second = await geneCode(ctx, { appId, scene: 'APP_AUTH' }, t0);
    await scan(ctx, second.random, alice.id, t0 + 1);
    const { ticket } = await confirm(ctx, second.random, alice.id, t0 + 2);
    expect(await checkStatus(ctx, second.random, t0 + 5_002)).toEqual({ random: second.random, status: QrStatus.expired, ticket: null, userInfo: { nickname: 'Alice', photo: 'https://example.com/alice.png' } });
    await expectCode(exchangeTicket(ctx, ticket ?? '', { appId }, t0 + 5_002), 2245);
  });

  it('keeps codes and tickets to their pool and application, and refuses blocked users', async () => {
    const { store, ctx, appId, alice } = await fixture();
    const other = await createUserPool(store, 'Other');
    const otherCtx = { store, poolId: other.userPoolId };
    const { random } = await geneCode(ctx, { appId, scene: 'APP_AUTH' });
    await expectCode(checkStatus(otherCtx, random), 2241);
    await expectCode(scan(otherCtx, random, alice.id), 2241);
    await expectCode(checkStatus(ctx, 'no-such-random'), 2241);
    await scan(ctx, random, alice.id);
    const { ticket } = await confirm(ctx, random, alice.id);
    await expectCode(exchangeTicket(otherCtx, ticket ?? '', { appId: other.appId }), 2245);
    await expectCode(exchangeTicket(ctx, ticket ?? '', { appId: other.appId }), 2245);
    await updateUser(ctx, alice.id, { blocked: true });
    await expectCode(exchangeTicket(ctx, ticket ?? '', { appId }), 2005);
    await store.close();
  });
});
