/**
 * The implementation of {@link QrCodeAuthenticationClient}, loaded on its first call: the requests,
 * the polling loop (qrcode-polling.ts) and the browser view of `startScanning` (qrcode-view.ts).
 * Only qrcode.ts loads it, with `import()`.
 */
import { AuthingError } from '../../core/errors.js';
import type { RequestOptions } from '../../core/options.js';
import { answered } from '../context.js';
import { requireId } from '../validate.js';
import type { AuthContext } from './context.js';
import { startPolling } from './qrcode-polling.js';
import {
  checkInterval,
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
import { renderQrCode } from './qrcode-view.js';

const DEFAULT_SIZE = { width: 240, height: 240 };

export async function geneCode(ctx: AuthContext, scene: QrCodeScene, options: QrCodeGeneOptions, requestOptions?: RequestOptions): Promise<QrCodeGenerated> {
  const { customData, context, autoMergeQrCode = false, extIdpConnId, withCustomData } = options;
  const body = { scene, autoMergeQrCode, params: customData, context, extIdpConnId, withCustomData };
  return answered(await ctx.transport.rest.POST('/api/v2/qrcode/gene', { body }, { ...requestOptions, auth: false }), 'QR code');
}

export async function checkStatus(ctx: AuthContext, random: string, requestOptions?: RequestOptions): Promise<QrCodeStatus> {
  requireId('random', random);
  const query = { random };
  return answered(await ctx.transport.rest.GET('/api/v2/qrcode/check', { params: { query } }, { ...requestOptions, auth: false }), 'QR code status');
}

export async function exchangeUserInfo(ctx: AuthContext, ticket: string, requestOptions?: RequestOptions): Promise<QrCodeLoggedInUser> {
  requireId('ticket', ticket);
  const user = await ctx.transport.rest.POST('/api/v2/qrcode/userinfo', { body: { ticket } }, { ...requestOptions, auth: false });
  return ctx.session.remember(answered(user, 'user'));
}

/** The polling loop of one code, checking it with `checkStatus`; the caller's signal stops it. */
export function pollStatus(ctx: AuthContext, random: string, options: QrCodePollingOptions, requestOptions?: RequestOptions): QrCodePolling {
  return startPolling(random, (signal) => checkStatus(ctx, random, { ...requestOptions, signal }), options, requestOptions?.signal);
}

export async function startScanning(
  ctx: AuthContext,
  scene: QrCodeScene,
  domId: string,
  options: QrCodeScanningOptions,
  requestOptions?: RequestOptions,
): Promise<QrCodeScanning> {
  checkInterval(options.interval);
  const tips = { ...defaultTips(scene), ...options.tips };
  const code = await geneCode(ctx, scene, options, requestOptions).catch((error: unknown) => {
    if (error instanceof AuthingError) options.onCodeLoadFailed?.(error);
    throw error;
  });
  options.onCodeLoaded?.(code.random, code.url);
  const view = renderQrCode(domId, code.url, options.size ?? DEFAULT_SIZE, tips.title);
  if (view) options.onCodeShow?.(code.random, code.url);

  const exchange = new AbortController();
  requireId('random', code.random);
  const polling = pollStatus(
    ctx,
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
      const user = await exchangeUserInfo(ctx, outcome.ticket, { ...requestOptions, signal: exchange.signal });
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
