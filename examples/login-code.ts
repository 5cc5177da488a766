/**
 * Passwordless login with authing-ts: send an SMS code, read it, log in with it; a phone no account
 * holds yet is registered on the way (`autoRegister`), and a code works once. Against
 * authing-local the SMS lands in its outbox (`GET /__local/outbox`, authing-local only); with
 * Authing the user reads it on the phone. Compiled by examples/tsconfig.json and run against
 * authing-local by test/integration/login-code-example.test.ts.
 */
import { AuthenticationClient, AuthingError } from 'authing-ts';

export interface LoginCodeExampleConfig {
  appId: string;
  host: string;
  /** The phone number to log in with. */
  phone: string;
}

/** What the user would read in the SMS: authing-local's outbox holds it. */
async function smsCode(host: string, appId: string, phone: string): Promise<string> {
  const response = await fetch(`${host}/__local/outbox?recipient=${encodeURIComponent(phone)}&kind=SMS_CODE&limit=1`, {
    headers: { 'x-authing-app-id': appId },
  });
  const { data } = (await response.json()) as { data: { list: Array<{ data: { code: string } }> } };
  const code = data.list[0]?.data.code;
  if (!code) throw new Error(`no SMS to ${phone}`);
  return code;
}

export async function loginCodeExample({ appId, host, phone }: LoginCodeExampleConfig) {
  const auth = new AuthenticationClient({ appId, appHost: host });

  // Send a code, then log in with it; an unknown phone gets an account (newlyCreated).
  await auth.sendSmsCode(phone);
  const code = await smsCode(host, appId, phone);
  const user = await auth.loginByPhoneCode(phone, code, { autoRegister: true });

  // The token is the session: the next call is made as that user.
  const me = await auth.getCurrentUser();

  // A code works once: a second login with it is refused with 2002.
  let reuse: number | undefined;
  try {
    await new AuthenticationClient({ appId, appHost: host }).loginByPhoneCode(phone, code);
  } catch (error) {
    if (error instanceof AuthingError) reuse = error.code;
    else throw error;
  }

  return { phone: user.phone, newlyCreated: user.newlyCreated, sessionUser: me?.id === user.id, phoneVerified: me?.phoneVerified, reuse };
}
