/**
 * Types of the QR-code login sub-clients (`auth.qrcode`, `auth.wxqrcode`, `auth.wechatmpqrcode`),
 * with the few constants and checks their class needs before the implementation is loaded.
 */
import { toAuthingError, type AuthingError } from '../../core/errors.js';
import type { UserDetail } from '../types.js';

/** Who scans: your own app (`APP_AUTH`), a WeChat mini program (`WXAPP_AUTH`), a WeChat official account (`WECHATMP_AUTH`). */
export type QrCodeScene = 'APP_AUTH' | 'WXAPP_AUTH' | 'WECHATMP_AUTH';

/** The statuses `checkStatus` answers, as Authing numbers them. */
export const QR_CODE_STATUS = { expired: -1, unscanned: 0, scanned: 1, confirmed: 2, cancelled: 3 } as const;

/** -1 expired, 0 unscanned, 1 scanned, 2 confirmed (authorized), 3 cancelled. */
export type QrCodeStatusValue = (typeof QR_CODE_STATUS)[keyof typeof QR_CODE_STATUS];

/** Default polling interval of `startPolling` / `startScanning`, in milliseconds (the official SDK's). */
export const DEFAULT_QRCODE_POLL_INTERVAL = 800;

/** The element `startScanning` renders into by default. */
export const DEFAULT_QRCODE_DOM_ID = 'authing__qrcode-root-node';

/** A polling interval, defaulted; a typed error for anything but a positive number of milliseconds. */
export function checkInterval(interval: unknown): number {
  if (interval === undefined) return DEFAULT_QRCODE_POLL_INTERVAL;
  if (typeof interval !== 'number' || !Number.isFinite(interval) || interval <= 0) {
    throw toAuthingError({ kind: 'validation', argument: 'interval', message: 'interval must be a positive number of milliseconds' });
  }
  return interval;
}

/** Options of `geneCode` (and of `startScanning`, which generates the code). */
export interface QrCodeGeneOptions {
  /** Custom data written into the QR code's data (sent as `params`). */
  customData?: Record<string, unknown>;
  /** Request context, passed on to pipelines. */
  context?: Record<string, unknown>;
  /** Sent as `autoMergeQrCode`; default false, as the official SDK. */
  autoMergeQrCode?: boolean;
  /** Tenant identity-provider connection id (multi-tenant pools). */
  extIdpConnId?: string;
  /** Ask for the user's custom data. */
  withCustomData?: boolean;
}

/** A generated QR code. */
export interface QrCodeGenerated {
  /** The code's id: poll it with `checkStatus`. */
  random: string;
  /** The QR code image: a URL, or a `data:` URL (authing-local), to use as an `<img>` source. */
  url: string;
  /** Seconds the code can be scanned and confirmed. */
  expiresIn: number;
  customLogo: string | null;
}

/** The scanning user, as shown before the login: nickname and photo. */
export interface QrCodeUserInfo {
  nickname: string | null;
  photo: string | null;
}

/** A code's status. */
export interface QrCodeStatus {
  random: string;
  status: QrCodeStatusValue;
  /** Once confirmed: the single-use ticket for `exchangeUserInfo`. */
  ticket: string | null;
  /** Once scanned: who scanned. */
  userInfo: QrCodeUserInfo | null;
}

/** The user a ticket logs in: `token` and `tokenExpiredAt` set; it becomes the client's session. */
export type QrCodeLoggedInUser = UserDetail;

/** How a polling ended; `done` resolves with it (it never rejects). */
export type QrCodePollingOutcome =
  | { kind: 'success'; ticket: string; userInfo: QrCodeUserInfo | null; user?: QrCodeLoggedInUser }
  | { kind: 'cancelled' }
  | { kind: 'expired' }
  /** A failed check (`AuthingError`, also passed to `onError`) or an exception thrown by a callback. */
  | { kind: 'error'; error: unknown }
  /** `stop()`, `stopPolling()` or the call's `signal`. */
  | { kind: 'stopped' };

/** A running polling of one code. No timer is left once it ended, however it ended. */
export interface QrCodePolling {
  readonly random: string;
  /** Stops polling (aborting a check in flight); no callback runs after it. */
  stop(): void;
  /** Resolves once polling ended. */
  readonly done: Promise<QrCodePollingOutcome>;
}

/** Callbacks and interval of `startPolling`, with the official SDK's semantics. */
export interface QrCodePollingOptions {
  /** Milliseconds between checks (the first check waits one interval too). Default {@link DEFAULT_QRCODE_POLL_INTERVAL}. */
  interval?: number;
  /** Polling started. */
  onStart?: (polling: QrCodePolling) => void;
  /** Every status checked. */
  onResult?: (status: QrCodeStatus) => void;
  /** The first time the code shows as scanned. */
  onScanned?: (userInfo: QrCodeUserInfo | null) => void;
  /** The user confirmed; polling ends. Exchange `ticket` with `exchangeUserInfo`. */
  onSuccess?: (userInfo: QrCodeUserInfo | null, ticket: string) => void;
  /** The user cancelled; polling ends. */
  onCancel?: () => void;
  /** The code (or its unexchanged ticket) expired; polling ends. */
  onExpired?: () => void;
  /** A check failed; polling ends. */
  onError?: (error: AuthingError) => void;
}

/** Options of `startScanning`: generation, polling and display. */
export interface QrCodeScanningOptions extends QrCodeGeneOptions, Omit<QrCodePollingOptions, 'onSuccess'> {
  /** Exchange the ticket right away: `onSuccess` then gets the logged-in user, which becomes the session. */
  autoExchangeUserInfo?: boolean;
  /** The user confirmed: `userInfo` is the logged-in user with `autoExchangeUserInfo`, else the scanned user's nickname and photo. */
  onSuccess?: (userInfo: QrCodeUserInfo | QrCodeLoggedInUser | null, ticket: string) => void;
  /** The code was generated. */
  onCodeLoaded?: (random: string, url: string) => void;
  /** The code's image was put into the page (browsers only). */
  onCodeShow?: (random: string, url: string) => void;
  /** Generating the code failed (nothing is polled). */
  onCodeLoadFailed?: (error: AuthingError) => void;
  /** Image size in px. Default 240 × 240. */
  size?: { width: number; height: number };
  /** Texts shown under the image (browsers only). */
  tips?: { title?: string; scanned?: string; succeed?: string; canceled?: string; expired?: string; failed?: string };
}

/** A started scanning: the generated code and its polling. */
export interface QrCodeScanning extends QrCodeGenerated {
  readonly polling: QrCodePolling;
}
