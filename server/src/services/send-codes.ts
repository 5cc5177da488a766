import type { EmailScene } from '../generated/graphql.js';
import type { ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import type { OutboxMessage } from './outbox.js';
import { EMAIL } from './users.js';
import { sendCode } from './verification-codes.js';

/**
 * `sendSmsCode` and `sendEmail`: a code to a phone or an address, for the flows that take one.
 * Nothing leaves authing-local; the message is stored in the outbox and the caller logs it.
 * Sending does not tell whether an account holds the phone or address (the flow that uses the
 * code does), so it cannot be used to probe for accounts.
 */

/** The scene of every SMS code: the SMS API has none, so any flow taking a phone code accepts it. */
export const SMS_SCENE = 'SMS';

/** Digits with an optional leading `+`, spaces and dashes allowed, 5 to 20 digits. */
const PHONE = /^\+?[\d\s-]{5,24}$/;

export function assertPhone(phone: string): void {
  const digits = phone.replace(/\D/g, '');
  if (!PHONE.test(phone.trim()) || digits.length < 5 || digits.length > 20) throw ServiceErrors.invalidPhone();
}

/** Subjects of the scenes with a mail of their own; every other scene reads as a plain code. */
const EMAIL_SUBJECTS: Partial<Record<EmailScene, string>> = {
  RESET_PASSWORD: 'Reset your password',
  VERIFY_EMAIL: 'Verify your email address',
  CHANGE_EMAIL: 'Change your email address',
  MFA_VERIFY: 'Your sign-in verification code',
  VERIFY_CODE: 'Your verification code',
};

/** An SMS code to `phone` (scene {@link SMS_SCENE}). 2022 for a malformed number, 2021 when sent too often. */
export async function sendSmsCode(ctx: ServiceContext, phone: string, phoneCountryCode?: string | null): Promise<OutboxMessage> {
  assertPhone(phone ?? '');
  const subject = phoneCountryCode ? `Verification code (${phoneCountryCode})` : 'Verification code';
  return sendCode(ctx, { channel: 'sms', recipient: phone, scene: SMS_SCENE, kind: 'SMS_CODE', subject });
}

/** A mail with a code for `scene` to `email`. 2003 for a malformed address, 2021 when sent too often. */
export async function sendEmailCode(ctx: ServiceContext, email: string, scene: EmailScene): Promise<OutboxMessage> {
  if (!EMAIL.test((email ?? '').trim())) throw ServiceErrors.invalidEmail();
  const subject = EMAIL_SUBJECTS[scene] ?? `Your verification code (${scene})`;
  return sendCode(ctx, { channel: 'email', recipient: email, scene, kind: `EMAIL_${scene}`, subject });
}
