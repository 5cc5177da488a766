import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { newId } from '../storage/ids.js';
import type { Tx } from '../storage/store.js';
import type { ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { enqueue, type OutboxMessage } from './outbox.js';

/**
 * Verification codes sent by SMS or mail. authing-local sends neither: the message goes to the
 * outbox (services/outbox.ts) in the same transaction that stores the code, and the caller logs
 * it. A code is stored hashed, is valid for `ttlSeconds`, is used at most once, and is spent after
 * `maxAttempts` wrong tries; a recipient gets at most one code per `resendSeconds` per channel.
 * Every flow that takes a code (login, registration, reset, bindings, MFA) consumes it here.
 */

export type CodeChannel = 'sms' | 'email';

/** Timing of codes; every server has one set (StartOptions.verificationCodes). */
export interface VerificationCodeOptions {
  /** How long a code stays valid, in seconds. Default 300. */
  ttlSeconds?: number;
  /** Minimum time between two codes to one recipient on one channel, in seconds. Default 60. */
  resendSeconds?: number;
  /** Wrong tries after which a code is spent. Default 5. */
  maxAttempts?: number;
  /** Digits of a code. Default 6. */
  length?: number;
}

export const DEFAULT_VERIFICATION_CODES = { ttlSeconds: 300, resendSeconds: 60, maxAttempts: 5, length: 6 } as const;

/** The options with every default filled in, checked once when the server starts. */
export function verificationCodeSettings(options: VerificationCodeOptions = {}): Required<VerificationCodeOptions> {
  const o = { ...DEFAULT_VERIFICATION_CODES, ...options };
  if (!(o.ttlSeconds > 0) || !(o.resendSeconds >= 0) || !(o.maxAttempts >= 1) || !Number.isInteger(o.length) || o.length < 4 || o.length > 10) {
    throw new Error('verificationCodes: ttlSeconds > 0, resendSeconds >= 0, maxAttempts >= 1, length 4 to 10');
  }
  return o;
}

/** The form a recipient is stored and matched in: emails lower-cased, phones without spaces or dashes. */
export function normalizeRecipient(channel: CodeChannel, recipient: string): string {
  const trimmed = recipient.trim();
  return channel === 'email' ? trimmed.toLowerCase() : trimmed.replace(/[\s-]/g, '');
}

const hashCode = (code: string) => createHash('sha256').update(code).digest('hex');

export interface SendCodeInput {
  channel: CodeChannel;
  recipient: string;
  /** What the code is for (`LOGIN`, `RESET_PASSWORD`, `VERIFY_EMAIL`, `MFA_VERIFY`, ...); a code is only good for its scene. */
  scene: string;
  /** Outbox kind, e.g. `SMS_CODE` or `EMAIL_RESET_PASSWORD`. Default `${CHANNEL}_${scene}`. */
  kind?: string;
  /** Subject line; the code is appended to the body. */
  subject?: string;
}

/**
 * Issues a code and stores the message that carries it, in one transaction. Refused with 2021
 * (`data.retryAfter`) when the recipient got a code on this channel less than `resendSeconds` ago.
 * @returns the outbox message (its `data.code` is the code), for the caller to log
 */
export async function sendCode(ctx: ServiceContext, input: SendCodeInput, now = Date.now()): Promise<OutboxMessage> {
  const o = ctx.store.codes;
  const recipient = normalizeRecipient(input.channel, input.recipient);
  const code = Array.from({ length: o.length }, () => randomInt(10)).join('');
  return ctx.store.write(async (tx) => {
    const last = await tx
      .selectFrom('verification_codes')
      .select('created_at')
      .where('userpool_id', '=', ctx.poolId)
      .where('channel', '=', input.channel)
      .where('recipient', '=', recipient)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    const wait = last ? last.created_at + o.resendSeconds * 1000 - now : 0;
    if (wait > 0) throw ServiceErrors.verifyCodeTooFrequent(Math.ceil(wait / 1000));
    await tx
      .insertInto('verification_codes')
      .values({
        id: newId(),
        userpool_id: ctx.poolId,
        channel: input.channel,
        recipient,
        scene: input.scene,
        code_hash: hashCode(code),
        attempts: 0,
        expires_at: now + o.ttlSeconds * 1000,
        created_at: now,
        consumed_at: null,
      })
      .execute();
    const minutes = Math.max(1, Math.round(o.ttlSeconds / 60));
    return enqueue(tx, ctx.poolId, {
      kind: input.kind ?? `${input.channel.toUpperCase()}_${input.scene}`,
      recipient,
      subject: input.subject ?? (input.channel === 'sms' ? 'Verification code' : `Verification code (${input.scene})`),
      body: `Your verification code is ${code}. It is valid for ${minutes} minute(s) and can be used once.`,
      data: { code, scene: input.scene, channel: input.channel, expiresAt: new Date(now + o.ttlSeconds * 1000).toISOString() },
    });
  });
}

export interface ConsumeCodeInput {
  channel: CodeChannel;
  recipient: string;
  code: string;
  /** The scenes the code may have been sent for (a login accepts a code sent for `LOGIN` or any scene when omitted). */
  scenes?: readonly string[];
}

/**
 * Uses the newest live code of the recipient, inside the caller's transaction (so the code is
 * spent exactly when the flow's write commits). 2001 for a wrong code (counted; the code is spent
 * after `maxAttempts`), 2002 when there is no live code (none sent, expired, used or spent).
 * A wrong try is recorded even though the flow's transaction then fails: it is written by
 * {@link recordWrongTry} outside it.
 */
export async function consumeCode(ctx: ServiceContext, tx: Tx, input: ConsumeCodeInput, now = Date.now()): Promise<void> {
  const recipient = normalizeRecipient(input.channel, input.recipient);
  let q = tx
    .selectFrom('verification_codes')
    .selectAll()
    .where('userpool_id', '=', ctx.poolId)
    .where('channel', '=', input.channel)
    .where('recipient', '=', recipient)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now)
    .where('attempts', '<', ctx.store.codes.maxAttempts);
  if (input.scenes?.length) q = q.where('scene', 'in', [...input.scenes]);
  const live = await q.orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  if (!live) throw ServiceErrors.verifyCodeExpired();
  const given = Buffer.from(hashCode(String(input.code).trim()));
  if (!timingSafeEqual(given, Buffer.from(live.code_hash))) {
    await recordWrongTry(ctx, live.id);
    throw ServiceErrors.wrongVerifyCode();
  }
  await tx.updateTable('verification_codes').set({ consumed_at: now }).where('id', '=', live.id).execute();
}

/** Counts a wrong try on its own connection, so the failing flow's rollback does not undo it. */
function recordWrongTry(ctx: ServiceContext, id: string): void {
  // Queued behind the flow's own transaction (writes are serialized); awaited by nobody on purpose.
  void ctx.store
    .write((tx) => tx.updateTable('verification_codes').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('id', '=', id).execute())
    .catch(() => undefined);
}

/**
 * Checks and spends a code in a transaction of its own, for flows whose write comes later or not
 * at all (MFA by SMS, `phoneToken`-style proofs).
 */
export function verifyCode(ctx: ServiceContext, input: ConsumeCodeInput, now = Date.now()): Promise<void> {
  return ctx.store.write((tx) => consumeCode(ctx, tx, input, now));
}
