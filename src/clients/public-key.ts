/**
 * The user pool's password-encryption key, shared by both clients: the `publicKey` option when
 * given, else `GET /api/v2/.well-known`, fetched once per client (concurrent callers share the
 * request; a failed fetch is not remembered).
 */
import type { Transport } from '../core/transport.js';
import type { RequestOptions } from '../core/options.js';
import { encryptPassword } from '../core/rsa.js';
import type { paths } from '../generated/openapi.js';

/** Encrypts passwords with the user pool's RSA public key (PKCS#1 v1.5, base64). */
export class PasswordEncryptor {
  readonly #transport: Transport<paths>;
  readonly #configured: string | undefined;
  #pending: Promise<string> | undefined;

  /**
   * @param transport - the client's transport; `.well-known` is fetched from its host
   * @param publicKey - the key from the client options, if any (then nothing is fetched)
   */
  constructor(transport: Transport<paths>, publicKey?: string) {
    this.#transport = transport;
    this.#configured = publicKey || undefined;
  }

  /**
   * The PEM public key.
   * @param options - per-call timeout and headers for the first fetch (its signal is not shared)
   * @returns the key
   * @throws {@link AuthingError} when `.well-known` cannot be fetched
   */
  publicKey(options?: RequestOptions): Promise<string> {
    if (this.#configured !== undefined) return Promise.resolve(this.#configured);
    if (this.#pending) return this.#pending;
    const pending = this.#transport.rest
      .GET('/api/v2/.well-known', {}, { auth: false, timeout: options?.timeout, headers: options?.headers })
      .then((data) => data.publicKey);
    this.#pending = pending;
    pending.catch(() => {
      if (this.#pending === pending) this.#pending = undefined;
    });
    return pending;
  }

  /**
   * @param plain - the password
   * @param options - per-call options of the method that needs the key
   * @returns base64 ciphertext
   * @throws {@link AuthingError} when the key cannot be fetched or read
   */
  async encrypt(plain: string, options?: RequestOptions): Promise<string> {
    return encryptPassword(plain, await this.publicKey(options));
  }
}
