/**
 * QR-code login: the web page's side. A page generates a code, shows its image and polls it; the
 * user scans it with a logged-in phone (your app, a mini program or an official account, by the
 * sub-client's scene) and confirms; the page then exchanges the code's ticket for the user's token,
 * which becomes the session of the AuthenticationClient.
 */
import type { RequestOptions } from '../../core/options.js';
import { requireId } from '../validate.js';
import type { AuthContext } from './context.js';
import {
  checkInterval,
  DEFAULT_QRCODE_DOM_ID,
  type QrCodeGeneOptions,
  type QrCodeGenerated,
  type QrCodeLoggedInUser,
  type QrCodePolling,
  type QrCodePollingOptions,
  type QrCodePollingOutcome,
  type QrCodeScanning,
  type QrCodeScanningOptions,
  type QrCodeScene,
  type QrCodeStatus,
} from './qrcode-types.js';

/** The method bodies, the polling loop and the view, loaded on the first call (see qrcode-calls.ts). */
const calls = () => import('./qrcode-calls.js');

/**
 * One scene of QR-code login; the AuthenticationClient has three: `qrcode` (your own app,
 * `APP_AUTH`), `wxqrcode` (WeChat mini program, `WXAPP_AUTH`) and `wechatmpqrcode` (WeChat official
 * account, `WECHATMP_AUTH`). They share the client's transport and session.
 * @example
 * const { random, url } = await auth.qrcode.geneCode();
 * const polling = auth.qrcode.startPolling(random, {
 *   onSuccess: async (_userInfo, ticket) => console.log((await auth.qrcode.exchangeUserInfo(ticket)).token),
 * });
 */
export class QrCodeAuthenticationClient {
  /** The scene this sub-client generates codes for. */
  readonly scene: QrCodeScene;
  readonly #ctx: AuthContext;

  /** @internal Built by the AuthenticationClient's `qrcode`, `wxqrcode` and `wechatmpqrcode` getters. */
  constructor(ctx: AuthContext, scene: QrCodeScene) {
    this.#ctx = ctx;
    this.scene = scene;
  }

  /**
   * Generates a QR code (`POST /api/v2/qrcode/gene`).
   * @param options - customData (written into the code's data), context, autoMergeQrCode, extIdpConnId, withCustomData
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `random` (the code's id), `url` (its image, a URL or a data URL) and `expiresIn` seconds
   * @throws {@link AuthingError} e.g. 2011 for an unknown application
   * @example
   * const { random, url, expiresIn } = await auth.qrcode.geneCode({ customData: { source: 'web' } });
   */
  async geneCode(options: QrCodeGeneOptions = {}, requestOptions?: RequestOptions): Promise<QrCodeGenerated> {
    return (await calls()).geneCode(this.#ctx, this.scene, options, requestOptions);
  }

  /**
   * A code's status (`GET /api/v2/qrcode/check`): -1 expired, 0 unscanned, 1 scanned (with
   * `userInfo`), 2 confirmed (with the `ticket`), 3 cancelled.
   * @param random - the code's id, from `geneCode`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ random, status, ticket, userInfo }`
   * @throws {@link AuthingError} 2241 for a code this user pool never generated
   * @example
   * const { random } = await auth.qrcode.geneCode();
   * const { status, ticket } = await auth.qrcode.checkStatus(random);
   * if (status === 2 && ticket) await auth.qrcode.exchangeUserInfo(ticket);
   */
  async checkStatus(random: string, requestOptions?: RequestOptions): Promise<QrCodeStatus> {
    return (await calls()).checkStatus(this.#ctx, random, requestOptions);
  }

  /**
   * Exchanges a confirmed code's ticket for the user (`POST /api/v2/qrcode/userinfo`): a login.
   * The returned user's `token` becomes the session. A ticket works once, for a short time.
   * @param ticket - from `checkStatus` or `onSuccess`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the user with `token` and `tokenExpiredAt`
   * @throws {@link AuthingError} 2245 for an unknown, used or expired ticket; 2005 for a blocked user; 1576 when the application refuses the user
   * @example
   * const { random } = await auth.qrcode.geneCode();
   * const outcome = await auth.qrcode.startPolling(random).done;
   * if (outcome.kind === 'success') {
   *   const user = await auth.qrcode.exchangeUserInfo(outcome.ticket);
   *   console.log(user.token === auth.getToken()); // true
   * }
   */
  async exchangeUserInfo(ticket: string, requestOptions?: RequestOptions): Promise<QrCodeLoggedInUser> {
    return (await calls()).exchangeUserInfo(this.#ctx, ticket, requestOptions);
  }

  /**
   * Polls a code every `interval` ms until it is confirmed, cancelled or expired, or a check fails,
   * calling the official SDK's callbacks (`onScanned` once; `onSuccess`, `onCancel`, `onExpired`,
   * `onError` end polling). Stop it with `polling.stop()`, `stopPolling(polling)` or the call's
   * `signal`; no timer is left running once it ended.
   * @param random - the code's id, from `geneCode`
   * @param options - interval and callbacks
   * @param requestOptions - per-call signal (stops polling), timeout, headers of each check
   * @returns the polling: `stop()` and `done`, which resolves with how it ended
   * @throws {@link AuthingValidationError} for an empty `random` or a bad `interval`
   * @example
   * const { random } = await auth.qrcode.geneCode();
   * const polling = auth.qrcode.startPolling(random, { onScanned: (who) => console.log(who?.nickname, 'scanned') });
   * const outcome = await polling.done;
   * if (outcome.kind === 'success') await auth.qrcode.exchangeUserInfo(outcome.ticket);
   */
  startPolling(random: string, options: QrCodePollingOptions = {}, requestOptions?: RequestOptions): QrCodePolling {
    requireId('random', random);
    checkInterval(options.interval);
    const ctx = this.#ctx;
    return startLoaded(random, options, requestOptions?.signal, async () => {
      const loaded = await calls();
      return (loopOptions) => loaded.pollStatus(ctx, random, loopOptions, requestOptions);
    });
  }

  /**
   * Stops a polling (the official SDK's `stopPolling(timer)`); the same as `polling.stop()`.
   * @param polling - what `startPolling` or `startScanning` returned
   * @example
   * const { random } = await auth.qrcode.geneCode();
   * const polling = auth.qrcode.startPolling(random);
   * auth.qrcode.stopPolling(polling);
   */
  stopPolling(polling: QrCodePolling): void {
    polling.stop();
  }

  /**
   * Generates a code, shows it and polls it. In a browser the server's image and a status line go
   * into the element `domId` (created at the end of `<body>` if missing); without a DOM (Node) the
   * same flow runs with no view and `onCodeShow` is not called. With `autoExchangeUserInfo` the
   * ticket is exchanged at once and `onSuccess` gets the logged-in user, who becomes the session.
   * @param domId - the element to render into; default `authing__qrcode-root-node`
   * @param options - geneCode options, polling callbacks, autoExchangeUserInfo, size, tips, onCodeLoaded, onCodeShow, onCodeLoadFailed
   * @param requestOptions - per-call signal (stops the flow), timeout, headers
   * @returns the code (`random`, `url`, `expiresIn`) and its `polling`
   * @throws {@link AuthingError} when the code cannot be generated (after `onCodeLoadFailed`)
   * @example
   * const scanning = await auth.qrcode.startScanning('login-qrcode', {
   *   autoExchangeUserInfo: true,
   *   onSuccess: (user) => console.log('logged in', user),
   * });
   * await scanning.polling.done;
   */
  async startScanning(domId: string = DEFAULT_QRCODE_DOM_ID, options: QrCodeScanningOptions = {}, requestOptions?: RequestOptions): Promise<QrCodeScanning> {
    return (await calls()).startScanning(this.#ctx, this.scene, domId, options, requestOptions);
  }
}

/**
 * The polling `startPolling` returns at once while its loop loads: `onStart` gets it right away,
 * `stop()` and the caller's signal end it before the loop is there as after, and `done` resolves
 * with the loop's outcome, or `{ kind: 'error' }` when loading fails (it never rejects). The loop
 * starts only if nothing ended the polling meanwhile; its first check waits one interval.
 */
function startLoaded(
  random: string,
  options: QrCodePollingOptions,
  signal: AbortSignal | undefined,
  load: () => Promise<(loopOptions: QrCodePollingOptions) => QrCodePolling>,
): QrCodePolling {
  let loop: QrCodePolling | undefined;
  let ended = false;
  let settle: (outcome: QrCodePollingOutcome) => void = () => undefined;
  const done = new Promise<QrCodePollingOutcome>((resolve) => (settle = resolve));
  const end = (outcome: QrCodePollingOutcome) => {
    if (ended) return;
    ended = true;
    signal?.removeEventListener('abort', stop);
    settle(outcome);
  };
  function stop() {
    if (loop) loop.stop();
    else end({ kind: 'stopped' });
  }
  const polling: QrCodePolling = { random, stop, done };
  if (signal?.aborted) {
    end({ kind: 'stopped' });
    return polling;
  }
  signal?.addEventListener('abort', stop, { once: true });
  try {
    options.onStart?.(polling);
  } catch (error) {
    end({ kind: 'error', error });
  }
  if (ended) return polling;
  load().then(
    (start) => {
      if (ended) return;
      loop = start({ ...options, onStart: undefined });
      void loop.done.then(end);
    },
    (error: unknown) => end({ kind: 'error', error }),
  );
  return polling;
}
