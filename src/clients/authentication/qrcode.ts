/**
 * QR-code login: the web page's side. A page generates a code, shows its image and polls it; the
 * user scans it with a logged-in phone (your app, a mini program or an official account, by the
 * sub-client's scene) and confirms; the page then exchanges the code's ticket for the user's token,
 * which becomes the session of the AuthenticationClient.
 */
import { AuthingError } from '../../core/errors.js';
import type { RequestOptions } from '../../core/options.js';
import { answered } from '../context.js';
import { requireId } from '../validate.js';
import type { AuthContext } from './context.js';
import { checkInterval, startPolling } from './qrcode-polling.js';
import type {
  QrCodeGeneOptions,
  QrCodeGenerated,
  QrCodeLoggedInUser,
  QrCodePolling,
  QrCodePollingOptions,
  QrCodePollingOutcome,
  QrCodeScanning,
  QrCodeScanningOptions,
  QrCodeScene,
  QrCodeStatus,
} from './qrcode-types.js';
import { DEFAULT_QRCODE_DOM_ID, renderQrCode } from './qrcode-view.js';

const DEFAULT_SIZE = { width: 240, height: 240 };

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
    const { customData, context, autoMergeQrCode = false, extIdpConnId, withCustomData } = options;
    const body = { scene: this.scene, autoMergeQrCode, params: customData, context, extIdpConnId, withCustomData };
    return answered(await this.#ctx.transport.rest.POST('/api/v2/qrcode/gene', { body }, { ...requestOptions, auth: false }), 'QR code');
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
    requireId('random', random);
    const query = { random };
    return answered(await this.#ctx.transport.rest.GET('/api/v2/qrcode/check', { params: { query } }, { ...requestOptions, auth: false }), 'QR code status');
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
    requireId('ticket', ticket);
    const user = await this.#ctx.transport.rest.POST('/api/v2/qrcode/userinfo', { body: { ticket } }, { ...requestOptions, auth: false });
    return this.#ctx.session.remember(answered(user, 'user'));
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
    return startPolling(random, (signal) => this.checkStatus(random, { ...requestOptions, signal }), options, requestOptions?.signal);
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
    checkInterval(options.interval);
    const tips = { ...defaultTips(this.scene), ...options.tips };
    const code = await this.geneCode(options, requestOptions).catch((error: unknown) => {
      if (error instanceof AuthingError) options.onCodeLoadFailed?.(error);
      throw error;
    });
    options.onCodeLoaded?.(code.random, code.url);
    const view = renderQrCode(domId, code.url, options.size ?? DEFAULT_SIZE, tips.title);
    if (view) options.onCodeShow?.(code.random, code.url);

    const exchange = new AbortController();
    const polling = this.startPolling(
      code.random,
      {
        ...options,
        onScanned: (userInfo) => {
          view?.say(tips.scanned);
          options.onScanned?.(userInfo);
        },
        onSuccess: (userInfo, ticket) => {
          view?.say(tips.succeed);
          if (!options.autoExchangeUserInfo) options.onSuccess?.(userInfo, ticket);
        },
        onCancel: () => {
          view?.say(tips.canceled);
          options.onCancel?.();
        },
        onExpired: () => {
          view?.say(tips.expired);
          options.onExpired?.();
        },
        onError: (error) => {
          view?.say(tips.failed);
          options.onError?.(error);
        },
      },
      requestOptions,
    );
    const onAbort = () => exchange.abort();
    requestOptions?.signal?.addEventListener('abort', onAbort, { once: true });
    const exchanged = polling.done.then(async (outcome): Promise<QrCodePollingOutcome> => {
      if (outcome.kind !== 'success' || !options.autoExchangeUserInfo) return outcome;
      try {
        const user = await this.exchangeUserInfo(outcome.ticket, { ...requestOptions, signal: exchange.signal });
        options.onSuccess?.(user, outcome.ticket);
        return { ...outcome, user };
      } catch (error) {
        if (exchange.signal.aborted) return { kind: 'stopped' };
        if (error instanceof AuthingError) options.onError?.(error);
        return { kind: 'error', error };
      }
    });
    const stop = () => {
      polling.stop();
      exchange.abort();
    };
    const done = exchanged.finally(() => requestOptions?.signal?.removeEventListener('abort', onAbort));
    return { ...code, polling: { random: code.random, stop, done } };
  }
}

function defaultTips(scene: QrCodeScene) {
  const scanner = scene === 'APP_AUTH' ? 'the app' : 'WeChat';
  return {
    title: `Scan with ${scanner} to log in`,
    scanned: 'Scanned: confirm the login on your phone',
    succeed: 'Logged in',
    canceled: 'The login was cancelled',
    expired: 'The QR code has expired',
    failed: 'The QR code status could not be checked',
  };
}
