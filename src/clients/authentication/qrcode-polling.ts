/**
 * The polling loop of a QR-code login: one check per interval, never two at once (a timeout is
 * armed only after the previous check answered), ending on success, cancel, expiry, a failed
 * check, `stop()` or the caller's signal, and leaving no timer or listener behind.
 */
import { AuthingError } from '../../core/errors.js';
import {
  checkInterval,
  QR_CODE_STATUS,
  type QrCodePolling,
  type QrCodePollingOptions,
  type QrCodePollingOutcome,
  type QrCodeStatus,
} from './qrcode-types.js';

/** Checks the code once; `signal` aborts the request when polling stops. */
export type StatusCheck = (signal: AbortSignal) => Promise<QrCodeStatus>;

export function startPolling(random: string, check: StatusCheck, options: QrCodePollingOptions, signal?: AbortSignal): QrCodePolling {
  const interval = checkInterval(options.interval);
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let finished = false;
  let scanned = false;
  let settle: (outcome: QrCodePollingOutcome) => void = () => undefined;
  const done = new Promise<QrCodePollingOutcome>((resolve) => (settle = resolve));

  const finish = (outcome: QrCodePollingOutcome) => {
    if (finished) return;
    finished = true;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    signal?.removeEventListener('abort', stop);
    settle(outcome);
  };
  function stop() {
    if (finished) return;
    finish({ kind: 'stopped' });
    controller.abort();
  }
  const polling: QrCodePolling = { random, stop, done };

  /** Handles one answer; returns the outcome that ends polling, if any. */
  const react = (status: QrCodeStatus): QrCodePollingOutcome | undefined => {
    options.onResult?.(status);
    switch (status.status) {
      case QR_CODE_STATUS.scanned:
        if (!scanned) options.onScanned?.(status.userInfo);
        scanned = true;
        return undefined;
      case QR_CODE_STATUS.confirmed:
        // A confirmed code without a ticket was exchanged already: this page can no longer log in with it.
        if (status.ticket === null) break;
        options.onSuccess?.(status.userInfo, status.ticket);
        return { kind: 'success', ticket: status.ticket, userInfo: status.userInfo };
      case QR_CODE_STATUS.cancelled:
        options.onCancel?.();
        return { kind: 'cancelled' };
      case QR_CODE_STATUS.unscanned:
        return undefined;
    }
    options.onExpired?.();
    return { kind: 'expired' };
  };

  const tick = async () => {
    timer = undefined;
    let status: QrCodeStatus;
    try {
      status = await check(controller.signal);
    } catch (error) {
      if (finished) return;
      finish({ kind: 'error', error });
      if (error instanceof AuthingError) options.onError?.(error);
      return;
    }
    if (finished) return;
    try {
      const outcome = react(status);
      if (outcome) finish(outcome);
    } catch (error) {
      finish({ kind: 'error', error });
    }
    if (!finished) timer = setTimeout(() => void tick(), interval);
  };

  if (signal?.aborted) {
    finish({ kind: 'stopped' });
    return polling;
  }
  signal?.addEventListener('abort', stop, { once: true });
  try {
    options.onStart?.(polling);
  } catch (error) {
    finish({ kind: 'error', error });
  }
  if (!finished) timer = setTimeout(() => void tick(), interval);
  return polling;
}
