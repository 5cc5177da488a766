/**
 * `auth.mfa`: the end user's multi-factor authentication over `/api/v2/mfa/*` and
 * `/api/v2/applications/mfa/*`, as the official SDK's `MfaAuthenticationClient`. Each call sends
 * `Authorization: Bearer <mfaToken>` when given one (the `data.mfaToken` of a login answered with
 * 1635 or 1636), else the session's user token. A completed MFA step answers the user with a
 * token, which becomes the session.
 */
import type { RequestOptions } from '../../core/options.js';
import type { components } from '../../generated/openapi.js';
import type { CommonMessage, UserDetail } from '../types.js';
import type { AuthContext } from './context.js';

/** A confirmed authenticator of the user (its secret and recovery code are answered only by `assosicateMfaAuthenticator`). */
export type MfaAuthenticator = components['schemas']['MfaAuthenticator'];

/** A pending TOTP authenticator: the secret, its `otpauth://` URI and QR code, the recovery code. */
export type MfaTotpAssociation = components['schemas']['MfaTotpAssociation'];

/** Where a binding happens: the personal center (`SELF`) or a login's MFA step (`APPLICATION`). */
export type TotpSource = 'SELF' | 'APPLICATION';

/** The user of a completed MFA login, with its new token; after a recovery code, the new `recoveryCode`. */
export interface MfaUser extends UserDetail {
  /** After `verifyTotpRecoveryCode`: the user's next recovery code (the one used is spent). */
  recoveryCode?: string;
}

/** The method bodies, loaded on the first call (see mfa-calls.ts). */
const calls = () => import('./mfa-calls.js');

/**
 * Multi-factor authentication of an end user: bind and remove a TOTP authenticator, and complete
 * a login that needs a second factor with a TOTP code, a recovery code, an SMS or an email code.
 * Built by {@link AuthenticationClient.mfa}; shares that client's session.
 * @example
 * import { AuthingError } from 'authing-ts';
 * try {
 *   await auth.loginByEmail('alice@example.com', 's3cret!');
 * } catch (error) {
 *   if (!(error instanceof AuthingError) || error.code !== 1635) throw error;
 *   const { mfaToken } = error.data as { mfaToken: string };
 *   await auth.mfa.verifyTotpMfa({ totp: '123456', mfaToken });
 * }
 */
export class MfaAuthenticationClient {
  readonly #ctx: AuthContext;

  /** @param ctx - the AuthenticationClient's shared state */
  constructor(ctx: AuthContext) {
    this.#ctx = ctx;
  }

  /**
   * The user's confirmed authenticators (`GET /api/v2/mfa/authenticator`).
   * @param options - `type` (only `totp`), `mfaToken` during a login, `source`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the authenticators: empty until one is confirmed
   * @throws {@link AuthingError} {@link AuthingAuthenticationError} without a session or mfaToken
   * @example
   * const bound = (await auth.mfa.getMfaAuthenticators({ type: 'totp' })).length > 0;
   */
  async getMfaAuthenticators(
    options: { type?: string; mfaToken?: string; source?: TotpSource } = {},
    requestOptions?: RequestOptions,
  ): Promise<MfaAuthenticator[]> {
    return (await calls()).getMfaAuthenticators(this.#ctx, options, requestOptions);
  }

  /**
   * Starts binding a TOTP authenticator (the official SDK's spelling, "assosicate"): answers a new
   * secret, its `otpauth://` URI and QR code, and a recovery code. Pending until
   * {@link MfaAuthenticationClient.confirmAssosicateMfaAuthenticator}.
   * @param options - `authenticatorType` (`totp`), `mfaToken` during a login, `source`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the pending authenticator: show `qrcode_data_url`, keep `recovery_code`
   * @throws {@link AuthingError} 6010 when one is bound already
   * @example
   * const { qrcode_data_url, recovery_code } = await auth.mfa.assosicateMfaAuthenticator({ authenticatorType: 'totp' });
   */
  async assosicateMfaAuthenticator(
    options: { authenticatorType?: string; mfaToken?: string; source?: TotpSource } = {},
    requestOptions?: RequestOptions,
  ): Promise<MfaTotpAssociation> {
    return (await calls()).assosicateMfaAuthenticator(this.#ctx, options, requestOptions);
  }

  /**
   * Removes the session user's TOTP authenticator; logins then need no code (unless the
   * application asks for one). Needs the user token: an mfaToken cannot remove a factor.
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ code: 200, message }`
   * @throws {@link AuthingError} {@link AuthingAuthenticationError} without a session
   * @example
   * await auth.mfa.deleteMfaAuthenticator();
   */
  async deleteMfaAuthenticator(requestOptions?: RequestOptions): Promise<CommonMessage> {
    return (await calls()).deleteMfaAuthenticator(this.#ctx, requestOptions);
  }

  /**
   * Confirms the pending TOTP authenticator with a code from the app; from then on every login of
   * the user answers 1635 and needs a code. The code's time step is spent: the next login takes a later code.
   * @param options - `totp` the 6-digit code, `authenticatorType`, `mfaToken` during a login, `source`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ code: 200, message }`
   * @throws {@link AuthingError} 6003 without a code, 6001 for a wrong one, 6011 when none is pending
   * @example
   * await auth.mfa.confirmAssosicateMfaAuthenticator({ authenticatorType: 'totp', totp: '123456' });
   */
  async confirmAssosicateMfaAuthenticator(
    options: { authenticatorType?: string; totp?: string; mfaToken?: string; source?: TotpSource },
    requestOptions?: RequestOptions,
  ): Promise<CommonMessage> {
    return (await calls()).confirmAssosicateMfaAuthenticator(this.#ctx, options, requestOptions);
  }

  /**
   * Completes a login with a TOTP code; the answered user's token becomes the session.
   * @param options - `totp` the 6-digit code, `mfaToken` from the 1635 / 1636 error's `data`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the logged-in user with `token`
   * @throws {@link AuthingError} 6001 for a wrong or already used code, 2020 for a spent or expired mfaToken
   * @example
   * const user = await auth.mfa.verifyTotpMfa({ totp: '123456', mfaToken: 'MFA_TOKEN' });
   */
  async verifyTotpMfa(options: { totp: string; mfaToken: string }, requestOptions?: RequestOptions): Promise<MfaUser> {
    return (await calls()).verifyTotpMfa(this.#ctx, options, requestOptions);
  }

  /**
   * Completes a login with the TOTP recovery code (the app is lost). The code is spent; the
   * answer's `recoveryCode` is the new one. The user's token becomes the session.
   * @param options - `recoveryCode`, `mfaToken` from the 1635 / 1636 error's `data`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the logged-in user with `token` and the new `recoveryCode`
   * @throws {@link AuthingError} 6002 for a wrong recovery code
   * @example
   * const { recoveryCode } = await auth.mfa.verifyTotpRecoveryCode({ recoveryCode: 'c0de-...', mfaToken: 'MFA_TOKEN' });
   */
  async verifyTotpRecoveryCode(options: { recoveryCode: string; mfaToken: string }, requestOptions?: RequestOptions): Promise<MfaUser> {
    return (await calls()).verifyTotpRecoveryCode(this.#ctx, options, requestOptions);
  }

  /**
   * Completes a login with an SMS code sent by {@link AuthenticationClient.sendSmsCode} (the
   * application enables SMS MFA). A user without a phone gets this one bound.
   * @param options - `phone`, `code`, `mfaToken`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the logged-in user with `token`
   * @throws {@link AuthingError} 2001 wrong code, 2002 no live code, 6012 not the user's phone, 6014 SMS MFA off
   * @example
   * await auth.sendSmsCode('+8613800000000');
   * const user = await auth.mfa.verifyAppSmsMfa({ phone: '+8613800000000', code: '123456', mfaToken: 'MFA_TOKEN' });
   */
  async verifyAppSmsMfa(options: { phone: string; code: string; mfaToken: string }, requestOptions?: RequestOptions): Promise<MfaUser> {
    return (await calls()).verifyAppSmsMfa(this.#ctx, options, requestOptions);
  }

  /**
   * Completes a login with an email code sent by `sendEmail(email, 'MFA_VERIFY')` (the application
   * enables email MFA). A user without an email gets this one bound.
   * @param options - `email`, `code`, `mfaToken`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the logged-in user with `token`
   * @throws {@link AuthingError} 2001 wrong code, 2002 no live code, 6013 not the user's email, 6014 email MFA off
   * @example
   * await auth.sendEmail('alice@example.com', 'MFA_VERIFY');
   * const user = await auth.mfa.verifyAppEmailMfa({ email: 'alice@example.com', code: '123456', mfaToken: 'MFA_TOKEN' });
   */
  async verifyAppEmailMfa(options: { email: string; code: string; mfaToken: string }, requestOptions?: RequestOptions): Promise<MfaUser> {
    return (await calls()).verifyAppEmailMfa(this.#ctx, options, requestOptions);
  }

  /**
   * Whether a phone or email may serve the MFA step of a user who has none: true when no other
   * user of the pool holds it.
   * @param options - `phone` or `email`, and `mfaToken`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns whether it is free
   * @throws {@link AuthingError} 400 without either, 2022 / 2003 when malformed
   * @example
   * const free = await auth.mfa.phoneOrEmailBindable({ phone: '+8613800000000', mfaToken: 'MFA_TOKEN' });
   */
  async phoneOrEmailBindable(options: { phone?: string; email?: string; mfaToken: string }, requestOptions?: RequestOptions): Promise<boolean> {
    return (await calls()).phoneOrEmailBindable(this.#ctx, options, requestOptions);
  }

  /**
   * Binds a face from two photo URLs. authing-local has no face recognition and refuses it (1707),
   * as Authing answers a pool without face MFA.
   * @param options - `baseFace` and `compareFace` photo URLs, `mfaToken` during a login
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the user, where face MFA exists
   * @throws {@link AuthingError} 1700 / 1701 without a photo, 1707 binding failed
   * @example
   * await auth.mfa.associateFaceByUrl({ baseFace: 'https://example.com/a.jpg', compareFace: 'https://example.com/b.jpg' });
   */
  async associateFaceByUrl(options: { baseFace: string; compareFace: string; mfaToken?: string }, requestOptions?: RequestOptions): Promise<UserDetail> {
    return (await calls()).associateFaceByUrl(this.#ctx, options, requestOptions);
  }

  /**
   * Binds a face from two images: each is uploaded (`POST /api/v2/upload?folder=face-photo`), then
   * bound. authing-local refuses the binding (1707): it has no face recognition.
   * @param options - `baseFace` and `compareFace` images, `mfaToken` during a login
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the user, where face MFA exists
   * @throws {@link AuthingError} 1707 binding failed
   * @example
   * const [front, side] = [new Blob([new Uint8Array(1024)], { type: 'image/jpeg' }), new Blob([new Uint8Array(1024)], { type: 'image/jpeg' })];
   * await auth.mfa.associateFaceByBlob({ baseFace: front, compareFace: side });
   */
  async associateFaceByBlob(options: { baseFace: Blob; compareFace?: Blob; mfaToken?: string }, requestOptions?: RequestOptions): Promise<UserDetail> {
    return (await calls()).associateFaceByBlob(this.#ctx, options, requestOptions);
  }

  /**
   * Binds a face from a file the user picks in the browser's file dialog (as the official SDK);
   * outside a browser it throws: use {@link MfaAuthenticationClient.associateFaceByBlob}.
   * @param mfaToken - during a login
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the user, where face MFA exists
   * @throws {@link AuthingValidationError} outside a browser; {@link AuthingError} 1707 binding failed
   * @example
   * await auth.mfa.associateFaceByLocalFile();
   */
  async associateFaceByLocalFile(mfaToken?: string, requestOptions?: RequestOptions): Promise<UserDetail> {
    return (await calls()).associateFaceByLocalFile(this.#ctx, mfaToken, requestOptions);
  }

  /**
   * Completes a login with a face photo. authing-local has no face recognition and refuses it (1702).
   * @param photo - the photo's URL
   * @param mfaToken - from the 1635 / 1636 error's `data`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the logged-in user, where face MFA exists
   * @throws {@link AuthingError} 1700 without a photo, 1702 the face does not match
   * @example
   * await auth.mfa.verifyFaceMfa('https://example.com/me.jpg', 'MFA_TOKEN');
   */
  async verifyFaceMfa(photo: string, mfaToken: string, requestOptions?: RequestOptions): Promise<MfaUser> {
    return (await calls()).verifyFaceMfa(this.#ctx, photo, mfaToken, requestOptions);
  }
}
