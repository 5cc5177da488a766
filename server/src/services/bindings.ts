import { nowIso } from '../storage/ids.js';
import type { Tx } from '../storage/store.js';
import type { UsersTable } from '../storage/tables.js';
import type { ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { findUser } from './lookup.js';
import { getPoolSettings } from './pool-settings.js';
import { SMS_SCENE, assertPhone } from './send-codes.js';
import { mergeProfile, parseProfile, type UserInput } from './user-profile.js';
import { toWireUser, type WireUser } from './user-wire.js';
import { EMAIL } from './users.js';
import { consumeCode, normalizeRecipient } from './verification-codes.js';

/**
 * The phone and email a user logs in with, changed by the user and proven by verification codes
 * (`bindPhone`, `bindEmail`, `unbindPhone`, `unbindEmail`, `updatePhone`, `updateEmail`). Each
 * flow checks, then spends its codes and writes in one transaction: a refused call spends no code.
 * A new phone or email is stored verified; one another user of the pool holds is 2035 / 2200.
 */

/** The email scenes that prove an address for a binding (sendEmail's VERIFY_EMAIL and CHANGE_EMAIL). */
export const BINDING_EMAIL_SCENES = ['VERIFY_EMAIL', 'CHANGE_EMAIL'] as const;

type Channel = 'phone' | 'email';

function checkedPhone(phone: string): string {
  assertPhone(phone ?? '');
  return normalizeRecipient('sms', phone);
}

function checkedEmail(email: string): string {
  const normalized = normalizeRecipient('email', email ?? '');
  if (!EMAIL.test(normalized)) throw ServiceErrors.invalidEmail();
  return normalized;
}

async function assertFree(tx: Tx, ctx: ServiceContext, userId: string, channel: Channel, value: string): Promise<void> {
  const holder = await tx
    .selectFrom('users')
    .select('id')
    .where('userpool_id', '=', ctx.poolId)
    .where(channel, '=', value)
    .where('id', '!=', userId)
    .executeTakeFirst();
  if (holder) throw channel === 'phone' ? ServiceErrors.phoneTaken() : ServiceErrors.emailTaken();
}

/** Spends a code proving `value` on the channel of `channel`. */
function prove(ctx: ServiceContext, tx: Tx, channel: Channel, value: string, code: string): Promise<void> {
  return channel === 'phone'
    ? consumeCode(ctx, tx, { channel: 'sms', recipient: value, code, scenes: [SMS_SCENE] })
    : consumeCode(ctx, tx, { channel: 'email', recipient: value, code, scenes: BINDING_EMAIL_SCENES });
}

/** Writes the user's phone or email (null unbinds it) with its verification flag and, for phones, the country code. */
async function store(tx: Tx, current: UsersTable, channel: Channel, value: string | null, countryCode?: string | null): Promise<UsersTable> {
  const patch: UserInput = channel === 'phone' ? { phoneVerified: value !== null } : { emailVerified: value !== null };
  if (channel === 'phone' && (value === null || countryCode)) patch.phoneCountryCode = value === null ? null : countryCode;
  const updated: UsersTable = {
    ...current,
    [channel]: value,
    profile: JSON.stringify(mergeProfile(parseProfile(current.profile), patch)),
    updated_at: nowIso(),
  };
  await tx.updateTable('users').set(updated).where('id', '=', current.id).execute();
  return updated;
}

/** `bindPhone` / `bindEmail`: the user has none yet (3911 / 3912: use the update flow). */
export async function bind(ctx: ServiceContext, userId: string, channel: Channel, given: string, code: string, countryCode?: string | null): Promise<WireUser> {
  const value = channel === 'phone' ? checkedPhone(given) : checkedEmail(given);
  const row = await ctx.store.write(async (tx) => {
    const current = await findUser(tx, ctx.poolId, userId);
    if (current[channel]) throw channel === 'phone' ? ServiceErrors.phoneAlreadyBound() : ServiceErrors.emailAlreadyBound();
    await assertFree(tx, ctx, userId, channel, value);
    await prove(ctx, tx, channel, value, code);
    return store(tx, current, channel, value, countryCode);
  });
  return toWireUser(row);
}

export interface UpdateBinding {
  value: string;
  code: string;
  oldValue?: string | null;
  oldCode?: string | null;
  countryCode?: string | null;
}

/**
 * `updatePhone` / `updateEmail`: the user has one (3913 / 3914: use the bind flow). When the pool's
 * strategy verifies the old one (`changePhoneStrategy` / `changeEmailStrategy`), `oldValue` must
 * be the current one (3916) and both are proven (3917 when the old one's code is missing); the two
 * codes are spent together.
 */
export async function update(ctx: ServiceContext, userId: string, channel: Channel, input: UpdateBinding): Promise<WireUser> {
  const value = channel === 'phone' ? checkedPhone(input.value) : checkedEmail(input.value);
  const settings = await getPoolSettings(ctx.store.db, ctx.poolId);
  const verifyOld = channel === 'phone' ? settings.changePhoneStrategy.verifyOldPhone : settings.changeEmailStrategy.verifyOldEmail;
  const row = await ctx.store.write(async (tx) => {
    const current = await findUser(tx, ctx.poolId, userId);
    const bound = current[channel];
    if (!bound) throw channel === 'phone' ? ServiceErrors.noPhoneBound() : ServiceErrors.noEmailBound();
    if (verifyOld) {
      if (!input.oldValue || !input.oldCode) throw ServiceErrors.oldIdentifierProofRequired(channel);
      const old = channel === 'phone' ? normalizeRecipient('sms', input.oldValue) : normalizeRecipient('email', input.oldValue);
      const boundNormalized = channel === 'phone' ? normalizeRecipient('sms', bound) : normalizeRecipient('email', bound);
      if (old !== boundNormalized) throw ServiceErrors.oldIdentifierMismatch(channel);
    }
    await assertFree(tx, ctx, userId, channel, value);
    await prove(ctx, tx, channel, value, input.code);
    if (verifyOld && input.oldValue && input.oldCode) await prove(ctx, tx, channel, input.oldValue, input.oldCode);
    return store(tx, current, channel, value, input.countryCode);
  });
  return toWireUser(row);
}

/**
 * `unbindPhone` / `unbindEmail`: 3913 / 3914 when there is nothing to unbind, 3915 when it is the
 * account's only identifier (no username, other of phone / email, or linked identity remains).
 */
export async function unbind(ctx: ServiceContext, userId: string, channel: Channel): Promise<WireUser> {
  const row = await ctx.store.write(async (tx) => {
    const current = await findUser(tx, ctx.poolId, userId);
    if (!current[channel]) throw channel === 'phone' ? ServiceErrors.noPhoneBound() : ServiceErrors.noEmailBound();
    const other = channel === 'phone' ? current.email : current.phone;
    const identity = await tx.selectFrom('user_identities').select('id').where('user_id', '=', userId).executeTakeFirst();
    if (!current.username && !other && !identity) throw ServiceErrors.lastIdentifier();
    return store(tx, current, channel, null);
  });
  return toWireUser(row);
}
