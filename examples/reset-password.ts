/**
 * A forgotten password with authing-ts: mail a reset code, read it, set a new password, log in with
 * it. The user's other sessions end with the reset. Against authing-local the mail lands in its
 * outbox (`GET /__local/outbox`, authing-local only); with Authing the user reads it in a mailbox.
 * Compiled by examples/tsconfig.json and run against authing-local by
 * test/integration/reset-password-example.test.ts.
 */
import { AuthenticationClient, AuthingError } from 'authing-ts';

export interface ResetPasswordExampleConfig {
  appId: string;
  host: string;
  /** The address of an existing user of the pool. */
  email: string;
  newPassword: string;
}

/** What the user would read in the mail: authing-local's outbox holds it. */
async function mailedCode(host: string, appId: string, email: string): Promise<string> {
  const response = await fetch(`${host}/__local/outbox?recipient=${encodeURIComponent(email)}&kind=EMAIL_RESET_PASSWORD&limit=1`, {
    headers: { 'x-authing-app-id': appId },
  });
  const { data } = (await response.json()) as { data: { list: Array<{ data: { code: string } }> } };
  const code = data.list[0]?.data.code;
  if (!code) throw new Error(`no reset mail for ${email}`);
  return code;
}

export async function resetPasswordExample({ appId, host, email, newPassword }: ResetPasswordExampleConfig) {
  const auth = new AuthenticationClient({ appId, appHost: host });

  // Is the new password strong enough for the pool? (The reset refuses it with 2029 otherwise.)
  const strength = await auth.checkPasswordStrength(newPassword);
  if (!strength.valid) throw new Error(strength.message ?? 'too weak');

  // Mail a code, then set the new password with it.
  await auth.sendEmail(email, 'RESET_PASSWORD');
  const code = await mailedCode(host, appId, email);
  const reset = await auth.resetPasswordByEmailCode(email, code, newPassword);

  // A code works once: the second try is refused with 2002.
  let reuse: number | undefined;
  try {
    await auth.resetPasswordByEmailCode(email, code, newPassword);
  } catch (error) {
    if (error instanceof AuthingError) reuse = error.code;
    else throw error;
  }

  // The new password logs in.
  const user = await auth.loginByEmail(email, newPassword);
  return { reset: reset.code, reuse, loggedInAs: user.email, hasToken: typeof user.token === 'string' };
}
