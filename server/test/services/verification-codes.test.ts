import { describe, expect, it } from 'vitest';
import { listOutbox } from '../../src/services/outbox.js';
import { sendEmailCode, sendSmsCode, SMS_SCENE } from '../../src/services/send-codes.js';
import { consumeCode, sendCode, verifyCode } from '../../src/services/verification-codes.js';
import { ensureDefaultPool } from '../../src/storage/bootstrap.js';
import { Store } from '../../src/storage/store.js';
import { expectCode } from './helpers.js';
import { testDatabase } from '../support/databases.js';

async function fixture(options = {}) {
  const store = await Store.open(testDatabase(), { verificationCodes: options });
  const pool = await ensureDefaultPool(store);
  return { store, ctx: { store, poolId: pool.userPoolId } };
}

const codeOf = (m: { data: Record<string, unknown> }) => m.data.code as string;
/** Lets the fire-and-forget count of a wrong try land (writes are serialized). */
const settle = (store: Store) => store.write(async () => undefined);

describe('verification codes', () => {
  it('stores a code hashed, delivers it to the outbox, and accepts it exactly once', async () => {
    const { store, ctx } = await fixture();
    const message = await sendSmsCode(ctx, '138 0000-0001');
    expect(message).toMatchObject({ kind: 'SMS_CODE', recipient: '13800000001', data: { scene: SMS_SCENE, channel: 'sms' } });
    expect(codeOf(message)).toMatch(/^\d{6}$/);
    expect(message.body).toContain(codeOf(message));
    const row = await store.db.selectFrom('verification_codes').selectAll().executeTakeFirstOrThrow();
    expect(row.code_hash).not.toContain(codeOf(message));
    expect((await listOutbox(store.db, ctx.poolId, '13800000001')).map((m) => m.id)).toEqual([message.id]);

    await verifyCode(ctx, { channel: 'sms', recipient: '13800000001', code: codeOf(message) });
    await expectCode(verifyCode(ctx, { channel: 'sms', recipient: '13800000001', code: codeOf(message) }), 2002);
  });

  it('refuses a wrong code (2001), counts it even though the flow rolls back, and spends the code after maxAttempts', async () => {
    const { store, ctx } = await fixture({ maxAttempts: 2 });
    const message = await sendEmailCode(ctx, 'Alice@Example.com', 'RESET_PASSWORD');
    const wrong = codeOf(message) === '000000' ? '111111' : '000000';
    const attempt = (code: string) => store.write((tx) => consumeCode(ctx, tx, { channel: 'email', recipient: 'alice@example.com', code }));
    await expectCode(attempt(wrong), 2001);
    await settle(store);
    await expectCode(attempt(wrong), 2001);
    await settle(store);
    // Two wrong tries spent it: the right code no longer works.
    await expectCode(attempt(codeOf(message)), 2002);
  });

  it('expires codes, keeps scenes apart and matches emails case-insensitively', async () => {
    const { ctx } = await fixture({ resendSeconds: 0 });
    const now = Date.now();
    const old = await sendCode(ctx, { channel: 'email', recipient: 'bob@example.com', scene: 'CHANGE_EMAIL' }, now - 301_000);
    await expectCode(verifyCode(ctx, { channel: 'email', recipient: 'bob@example.com', code: codeOf(old) }, now), 2002);
    const fresh = await sendEmailCode(ctx, 'BOB@example.com', 'VERIFY_EMAIL');
    await expectCode(verifyCode(ctx, { channel: 'email', recipient: 'bob@example.com', code: codeOf(fresh), scenes: ['RESET_PASSWORD'] }), 2002);
    await verifyCode(ctx, { channel: 'email', recipient: 'Bob@Example.com', code: codeOf(fresh), scenes: ['VERIFY_EMAIL'] });
  });

  it('sends one code per recipient and channel per resend interval (2021 with retryAfter)', async () => {
    const { ctx } = await fixture({ resendSeconds: 60 });
    await sendSmsCode(ctx, '13800000002');
    const refused = await expectCode(sendSmsCode(ctx, '13800000002'), 2021);
    expect((refused.data as { retryAfter: number }).retryAfter).toBeGreaterThan(55);
    // Another number, and the same number by mail, are not held back.
    await sendSmsCode(ctx, '13800000003');
    await sendEmailCode(ctx, 'carol@example.com', 'VERIFY_CODE');
  });

  it('refuses malformed recipients before storing anything', async () => {
    const { store, ctx } = await fixture();
    await expectCode(sendSmsCode(ctx, 'not a phone'), 2022);
    await expectCode(sendSmsCode(ctx, '12'), 2022);
    await expectCode(sendEmailCode(ctx, 'nobody', 'VERIFY_CODE'), 2003);
    expect(await store.db.selectFrom('verification_codes').selectAll().execute()).toEqual([]);
    expect(await listOutbox(store.db, ctx.poolId)).toEqual([]);
  });

  it('rejects bad options when the server starts', async () => {
    await expect(Store.open(testDatabase(), { verificationCodes: { ttlSeconds: 0 } })).rejects.toThrow(/verificationCodes/);
    await expect(Store.open(testDatabase(), { verificationCodes: { length: 2 } })).rejects.toThrow(/verificationCodes/);
  });
});
