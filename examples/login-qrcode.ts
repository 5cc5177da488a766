/**
 * QR-code login with authing-ts: the web page generates a code, shows it and polls it; the user's
 * phone (already logged in) scans and confirms; the page's AuthenticationClient ends up logged in
 * as that user. Against authing-local, `/__local/qrcode/scan` and `/__local/qrcode/confirm` play
 * the phone (authing-local only: real phones call Authing's private app APIs).
 * Compiled by examples/tsconfig.json and run against authing-local by
 * test/integration/login-qrcode-example.test.ts.
 */
import { AuthenticationClient } from 'authing-ts';

export interface QrCodeExampleConfig {
  appId: string;
  host: string;
  /** The phone's user, who must exist in the pool. */
  username: string;
  password: string;
}

/** What authing-local's local phone endpoints do for a real phone app. */
async function phone(host: string, appId: string, action: 'scan' | 'confirm', random: string, userToken: string) {
  const response = await fetch(`${host}/__local/qrcode/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-authing-app-id': appId },
    body: JSON.stringify({ random, userToken }),
  });
  const { code, message } = (await response.json()) as { code: number; message: string };
  if (code !== 200) throw new Error(`${action}: ${code} ${message}`);
}

export async function qrcodeLoginExample({ appId, host, username, password }: QrCodeExampleConfig) {
  // The phone: logged in already.
  const mobile = new AuthenticationClient({ appId, appHost: host });
  const { token: phoneToken } = await mobile.loginByUsername(username, password);

  // The web page: show a code (in a browser it goes into <div id="qrcode">) and wait for the phone.
  const web = new AuthenticationClient({ appId, appHost: host });
  const steps: string[] = [];
  const scanning = await web.qrcode.startScanning('qrcode', {
    interval: 50,
    autoExchangeUserInfo: true,
    onScanned: (who) => steps.push(`scanned by ${who?.nickname ?? 'someone'}`),
    onSuccess: () => steps.push('confirmed'),
    onExpired: () => steps.push('expired'),
  });

  // The user scans with the phone, then confirms.
  await phone(host, appId, 'scan', scanning.random, phoneToken ?? '');
  await new Promise((resolve) => setTimeout(resolve, 150));
  await phone(host, appId, 'confirm', scanning.random, phoneToken ?? '');

  const outcome = await scanning.polling.done;
  const me = await web.getCurrentUser();
  return { steps, outcome: outcome.kind, loggedInAs: me?.username ?? null, sameToken: outcome.kind === 'success' && outcome.user?.token === web.getToken() };
}
