/** Timing of QR-code logins; every server has one set (StartOptions.qrcode). */
export interface QrCodeOptions {
  /** How long a generated code can be scanned and confirmed, in seconds. Default 120 (Authing's `expiresIn`). */
  ttlSeconds?: number;
  /** How long the ticket of a confirmed code can be exchanged, in seconds. Default 60. */
  ticketTtlSeconds?: number;
}

export const DEFAULT_QRCODE = { ttlSeconds: 120, ticketTtlSeconds: 60 } as const;

/** The options with every default filled in, checked once when the server starts. */
export function qrCodeSettings(options: QrCodeOptions = {}): Required<QrCodeOptions> {
  const o = { ...DEFAULT_QRCODE, ...options };
  if (!(o.ttlSeconds > 0) || !(o.ticketTtlSeconds > 0)) throw new Error('qrcode: ttlSeconds > 0 and ticketTtlSeconds > 0');
  return o;
}
