import { startLocalAuthing, type LocalAuthing } from 'authing-local';
import { AuthenticationClient, AuthingValidationError, QR_CODE_STATUS, type QrCodeStatus } from 'authing-ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();
const PASSWORD = 'tr0ub4dor&3';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type PhoneAction = 'scan' | 'confirm' | 'cancel';
interface LocalAnswer {
  code: number;
  message: string;
  data: (QrCodeStatus & { payload?: Record<string, unknown> }) | null;
}

/** The phone: authing-local's `/__local/qrcode/*` endpoints, for the pool of `appId`. */
async function phone(server: LocalAuthing, action: PhoneAction, random: string, userToken: string, appId = server.appId, lang = 'zh-CN'): Promise<LocalAnswer> {
  const response = await fetch(`${server.url}/__local/qrcode/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-authing-app-id': appId, 'x-authing-lang': lang },
    body: JSON.stringify({ random, userToken }),
  });
  return (await response.json()) as LocalAnswer;
}

/** A user of the pool logged in on "the phone": its token. */
async function phoneUser(server: LocalAuthing, appId = server.appId, nickname = 'Phone User') {
  const auth = new AuthenticationClient({ appId, appHost: server.url });
  const username = uid('qr');
  const registered = await auth.registerByUsername(username, PASSWORD, { nickname });
  const { token } = await new AuthenticationClient({ appId, appHost: server.url }).loginByUsername(username, PASSWORD);
  return { id: registered.id, username, token: token ?? '' };
}

const checks = () => h.requests.filter((r) => r.url.includes('/api/v2/qrcode/check')).length;

describe('QR-code login over HTTP', () => {
  it('goes unscanned → scanned → confirmed → exchanged, and the ticket cannot be replayed', async () => {
    const alice = await phoneUser(h.server, h.server.appId, 'Alice');
    const web = h.authentication();
    const code = await web.qrcode.geneCode({ customData: { hello: 'world' } });
    expect(code).toEqual({ random: expect.stringMatching(/^[\w-]{24}$/), url: expect.stringMatching(/^data:image\/svg\+xml;base64,/), expiresIn: 120, customLogo: null });
    const gene = h.requests.findLast((r) => r.url.endsWith('/api/v2/qrcode/gene'));
    expect(JSON.parse(gene?.body ?? '{}')).toEqual({ scene: 'APP_AUTH', autoMergeQrCode: false, params: { hello: 'world' } });

    expect(await web.qrcode.checkStatus(code.random)).toEqual({ random: code.random, status: 0, ticket: null, userInfo: null });
    // Polling may name the pool instead of the app, as Authing's docs do.
    const byPool = await fetch(`${h.server.url}/api/v2/qrcode/check?random=${code.random}`, { headers: { 'x-authing-userpool-id': h.server.userPoolId } });
    expect(await byPool.json()).toMatchObject({ code: 200, data: { random: code.random, status: 0 } });

    const scanned = await phone(h.server, 'scan', code.random, alice.token);
    expect(scanned.code).toBe(200);
    expect(scanned.data).toMatchObject({ status: 1, payload: { scene: 'APP_AUTH', random: code.random, userPoolId: h.server.userPoolId, customData: { hello: 'world' } } });
    expect(await web.qrcode.checkStatus(code.random)).toEqual({
      random: code.random,
      status: 1,
      ticket: null,
      userInfo: { nickname: 'Alice', photo: expect.stringMatching(/^https:\/\//) },
    });

    const confirmed = await phone(h.server, 'confirm', code.random, alice.token);
    expect(confirmed.data?.status).toBe(2);
    const status = await web.qrcode.checkStatus(code.random);
    expect(status).toMatchObject({ status: QR_CODE_STATUS.confirmed, ticket: expect.stringMatching(/^[\w-]{32}$/) });

    const user = await web.qrcode.exchangeUserInfo(status.ticket ?? '');
    expect(user).toMatchObject({ id: alice.id, username: alice.username, nickname: 'Alice', loginsCount: 2, token: expect.any(String), tokenExpiredAt: expect.any(String) });
    // The exchanged token is the session, and a real one.
    expect(web.getToken()).toBe(user.token);
    expect((await web.getCurrentUser())?.id).toBe(alice.id);
    expect((await web.checkLoginStatus())?.status).toBe(true);

    // Spent: no ticket any more, and a replay is refused.
    expect(await web.qrcode.checkStatus(code.random)).toMatchObject({ status: 2, ticket: null });
    const replay = await failure(h.authentication().qrcode.exchangeUserInfo(status.ticket ?? ''));
    expect(replay).toMatchObject({ code: 2245, message: 'ticket 无效、已使用或已过期' });
    // The phone cannot act on it any more either.
    expect(await phone(h.server, 'cancel', code.random, alice.token, h.server.appId, 'en-US')).toMatchObject({ code: 2244, message: 'The QR code is not in a state that allows this', data: { status: 2 } });
  });

  it('cancels: the page sees status 3 and nothing can be confirmed', async () => {
    const bob = await phoneUser(h.server);
    const web = h.authentication();
    const { random } = await web.wxqrcode.geneCode();
    expect((await phone(h.server, 'cancel', random, bob.token)).code).toBe(2244); // not scanned yet
    await phone(h.server, 'scan', random, bob.token);
    expect((await phone(h.server, 'cancel', random, bob.token)).data).toMatchObject({ status: 3, ticket: null });
    expect(await web.wxqrcode.checkStatus(random)).toMatchObject({ status: 3, ticket: null });
    expect((await phone(h.server, 'confirm', random, bob.token)).code).toBe(2244);
  });

  it('keeps a code to its first scanner', async () => {
    const first = await phoneUser(h.server);
    const second = await phoneUser(h.server);
    const { random } = await h.authentication().wechatmpqrcode.geneCode();
    await phone(h.server, 'scan', random, first.token);
    expect(await phone(h.server, 'scan', random, second.token)).toMatchObject({ code: 2243, message: '二维码已被其他用户扫描' });
    expect((await phone(h.server, 'confirm', random, second.token)).code).toBe(2243);
  });

  it('refuses another pool’s code, another pool’s token and a bad token', async () => {
    const other = await h.server.createUserPool('QR other');
    const stranger = await phoneUser(h.server, other.appId);
    const alice = await phoneUser(h.server);
    const { random } = await h.authentication().qrcode.geneCode();
    const foreignWeb = new AuthenticationClient({ appId: other.appId, appHost: h.server.url });
    expect(await failure(foreignWeb.qrcode.checkStatus(random))).toMatchObject({ code: 2241, message: '二维码不存在' });
    // The code is not in the other pool; a token scans only codes of its own pool.
    expect((await phone(h.server, 'scan', random, stranger.token, other.appId)).code).toBe(2241);
    expect((await phone(h.server, 'scan', random, alice.token, other.appId)).code).toBe(2020);
    expect((await phone(h.server, 'scan', random, stranger.token)).code).toBe(2020);
    expect((await phone(h.server, 'scan', random, 'not-a-token')).code).toBe(2020);
    expect((await phone(h.server, 'scan', random, '')).code).toBe(400);
    expect((await h.authentication().qrcode.checkStatus(random)).status).toBe(0);
    // A ticket of this pool exchanged by the other pool's application is unknown there.
    await phone(h.server, 'scan', random, alice.token);
    await phone(h.server, 'confirm', random, alice.token);
    const { ticket } = await h.authentication().qrcode.checkStatus(random);
    expect((await failure(foreignWeb.qrcode.exchangeUserInfo(ticket ?? ''))).code).toBe(2245);
    expect((await h.authentication().qrcode.exchangeUserInfo(ticket ?? '')).id).toBe(alice.id);
  });

  it('checks arguments before sending anything', async () => {
    const web = h.authentication();
    const before = h.requests.length;
    expect(await failure(web.qrcode.checkStatus(''))).toBeInstanceOf(AuthingValidationError);
    expect(await failure(web.qrcode.exchangeUserInfo(''))).toBeInstanceOf(AuthingValidationError);
    expect(() => web.qrcode.startPolling('r', { interval: 0 })).toThrow(AuthingValidationError);
    expect(await failure(web.qrcode.startScanning(undefined, { interval: -1 }))).toBeInstanceOf(AuthingValidationError);
    expect(h.requests.length).toBe(before);
  });

  it('startPolling calls back in order and stops after success, leaving no polling behind', async () => {
    const carol = await phoneUser(h.server, h.server.appId, 'Carol');
    const web = h.authentication();
    const { random } = await web.qrcode.geneCode();
    const events: string[] = [];
    const seen = (event: string) => {
      if (events.at(-1) !== event) events.push(event);
    };
    const polling = web.qrcode.startPolling(random, {
      interval: 20,
      onStart: (p) => seen(`start:${p.random === random}`),
      onResult: (s) => seen(`result:${s.status}`),
      onScanned: (who) => seen(`scanned:${who?.nickname}`),
      onSuccess: (who, ticket) => seen(`success:${who?.nickname}:${ticket.length}`),
      onCancel: () => seen('cancel'),
      onExpired: () => seen('expired'),
      onError: () => seen('error'),
    });
    await sleep(80);
    await phone(h.server, 'scan', random, carol.token);
    await sleep(80);
    await phone(h.server, 'confirm', random, carol.token);
    const outcome = await polling.done;
    expect(outcome).toEqual({ kind: 'success', ticket: expect.any(String), userInfo: { nickname: 'Carol', photo: expect.any(String) } });
    expect(events).toEqual(['start:true', 'result:0', 'result:1', 'scanned:Carol', 'result:1', 'result:2', 'success:Carol:32']);
    const after = checks();
    await sleep(120);
    expect(checks()).toBe(after);
    if (outcome.kind === 'success') expect((await web.qrcode.exchangeUserInfo(outcome.ticket)).nickname).toBe('Carol');
  });

  it('ends polling on cancel, on stop() and on the call’s signal', async () => {
    const dave = await phoneUser(h.server);
    const web = h.authentication();
    const cancelled = await web.qrcode.geneCode();
    let cancels = 0;
    const polling = web.qrcode.startPolling(cancelled.random, { interval: 20, onCancel: () => cancels++ });
    await phone(h.server, 'scan', cancelled.random, dave.token);
    await phone(h.server, 'cancel', cancelled.random, dave.token);
    expect(await polling.done).toEqual({ kind: 'cancelled' });
    expect(cancels).toBe(1);

    const { random } = await web.qrcode.geneCode();
    const results: number[] = [];
    const stopped = web.qrcode.startPolling(random, { interval: 20, onResult: (s) => results.push(s.status) });
    await sleep(70);
    web.qrcode.stopPolling(stopped);
    expect(await stopped.done).toEqual({ kind: 'stopped' });
    const count = results.length;
    expect(count).toBeGreaterThan(0);
    await sleep(80);
    expect(results.length).toBe(count);

    const controller = new AbortController();
    const bySignal = web.qrcode.startPolling(random, { interval: 20 }, { signal: controller.signal });
    await sleep(30);
    controller.abort();
    expect(await bySignal.done).toEqual({ kind: 'stopped' });
    const aborted = new AbortController();
    aborted.abort();
    expect(await web.qrcode.startPolling(random, {}, { signal: aborted.signal }).done).toEqual({ kind: 'stopped' });
  });

  it('reports a failed check to onError and stops', async () => {
    const errors: number[] = [];
    const polling = h.authentication().qrcode.startPolling('no-such-random', { interval: 10, onError: (e) => errors.push(e.code) });
    expect(await polling.done).toMatchObject({ kind: 'error', error: { code: 2241 } });
    expect(errors).toEqual([2241]);
  });

  it('startScanning runs the flow in Node without a DOM, exchanging the ticket when asked', async () => {
    const erin = await phoneUser(h.server, h.server.appId, 'Erin');
    const web = h.authentication();
    const events: string[] = [];
    const scanning = await web.qrcode.startScanning('login', {
      interval: 20,
      autoExchangeUserInfo: true,
      onCodeLoaded: (random) => events.push(`loaded:${random.length}`),
      onCodeShow: () => events.push('shown'),
      onScanned: (who) => events.push(`scanned:${who?.nickname}`),
      onSuccess: (user) => events.push(`success:${user && 'token' in user ? 'with-token' : 'no-token'}`),
    });
    await phone(h.server, 'scan', scanning.random, erin.token);
    await sleep(60);
    await phone(h.server, 'confirm', scanning.random, erin.token);
    const outcome = await scanning.polling.done;
    expect(outcome).toMatchObject({ kind: 'success', user: { id: erin.id, nickname: 'Erin' } });
    expect(events).toEqual(['loaded:24', 'scanned:Erin', 'success:with-token']);
    expect(web.getToken()).toBe(outcome.kind === 'success' ? outcome.user?.token : undefined);
  });
});

describe('QR-code expiry', () => {
  let server: LocalAuthing;
  beforeAll(async () => {
    server = await startLocalAuthing({ port: 0, log: () => undefined, info: () => undefined, qrcode: { ttlSeconds: 0.3, ticketTtlSeconds: 0.3 } });
  });
  afterAll(() => server?.close());

  it('expires an unscanned code (status -1, onExpired) and a ticket not exchanged in time', async () => {
    const frank = await phoneUser(server);
    const web = new AuthenticationClient({ appId: server.appId, appHost: server.url });
    const first = await web.qrcode.geneCode();
    let expired = 0;
    const outcome = await web.qrcode.startPolling(first.random, { interval: 50, onExpired: () => expired++ }).done;
    expect(outcome).toEqual({ kind: 'expired' });
    expect(expired).toBe(1);
    expect((await web.qrcode.checkStatus(first.random)).status).toBe(-1);
    expect(await phone(server, 'scan', first.random, frank.token)).toMatchObject({ code: 2242, message: '二维码已过期' });

    const second = await web.qrcode.geneCode();
    await phone(server, 'scan', second.random, frank.token);
    await phone(server, 'confirm', second.random, frank.token);
    const { ticket } = await web.qrcode.checkStatus(second.random);
    await sleep(350);
    expect(await web.qrcode.checkStatus(second.random)).toMatchObject({ status: -1, ticket: null });
    expect((await failure(web.qrcode.exchangeUserInfo(ticket ?? ''))).code).toBe(2245);
  });
});
