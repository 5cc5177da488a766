import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import { renderSVG } from 'uqr';

/**
 * The TOTP pieces of MFA (RFC 6238 through otplib: SHA-1, 6 digits, 30-second steps, as every
 * authenticator app reads an `otpauth://` URI): secrets, their encryption at rest, QR codes,
 * recovery codes, and code checks with a window of one step either side and replay refusal.
 */

/** One step of tolerance either side of now (clocks of phones drift). */
const WINDOW_S = 30;

export const newTotpSecret = (): string => generateSecret();

/** The `otpauth://totp/...` URI an authenticator app scans. */
export const otpauthUri = (secret: string, label: string, issuer: string): string => generateURI({ issuer, label, secret });

/** The URI as a QR code, a data URL for an `<img src>` (SVG). */
export function qrcodeDataUrl(uri: string): string {
  const svg = renderSVG(uri, { ecc: 'M', border: 2, pixelSize: 6 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** A recovery code as Authing shows one: four groups of hex digits. */
export const newRecoveryCode = (): string => randomBytes(8).toString('hex').match(/.{4}/g)!.join('-');

export const hashRecoveryCode = (code: string): string => createHash('sha256').update(code.trim().toLowerCase()).digest('hex');

export function recoveryCodeMatches(code: string, hash: string): boolean {
  const given = Buffer.from(hashRecoveryCode(code));
  const stored = Buffer.from(hash);
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/**
 * The time step `code` is valid for, within one step of `now`, and later than `afterStep` (a code
 * is good once: its step, and every earlier one, is spent by an accepted code). Null when it is not.
 */
export async function totpStep(secret: string, code: string, afterStep: number | null, now = Date.now()): Promise<number | null> {
  const token = String(code ?? '').trim();
  if (!/^\d{6}$/.test(token)) return null;
  const result = await verify({
    secret,
    token,
    epoch: Math.floor(now / 1000),
    epochTolerance: WINDOW_S,
    ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** The key that encrypts a pool's TOTP secrets, derived from the pool's own secret key material. */
function keyFor(poolKey: string, poolId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', poolKey, poolId, 'authing-local mfa totp secret', 32));
}

/** AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>` in base64url. */
export function encryptSecret(secret: string, poolKey: string, poolId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(poolKey, poolId), iv);
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

export function decryptSecret(stored: string, poolKey: string, poolId: string): string {
  const [version, iv, tag, body] = stored.split('.');
  if (version !== 'v1' || !iv || !tag || !body) throw new Error('unreadable TOTP secret');
  const decipher = createDecipheriv('aes-256-gcm', keyFor(poolKey, poolId), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
