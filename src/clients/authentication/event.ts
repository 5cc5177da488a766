/**
 * `auth.event`: publishing to the pool's event hub as the session user
 * (v3 `POST /api/v3/pub-userEvent`, as the official SDK 4.23.55 sends it).
 */
import type { RequestOptions } from '../../core/options.js';
import type { AuthContext } from './context.js';

/** The method body, loaded on the first call (see event-calls.ts). */
const calls = () => import('./event-calls.js');

/**
 * Publishes custom events as the logged-in user. Built by {@link AuthenticationClient.event};
 * shares that client's session. authing-local stores each event (`GET /__local/events`) and
 * delivers it nowhere; the official SDK's websocket `sub` (subscribe) is not offered.
 * @example
 * await auth.event.pub('cart.updated', JSON.stringify({ items: 3 }));
 */
export class EventAuthenticationClient {
  readonly #ctx: AuthContext;

  /** @param ctx - the AuthenticationClient's shared state */
  constructor(ctx: AuthContext) {
    this.#ctx = ctx;
  }

  /**
   * Publishes one event as the session user (body `{ eventType, source, eventData }`).
   * @param eventName - the event type, 1 to 128 letters, digits, `_ . : -`
   * @param data - the payload, a string (JSON-encode objects), at most 64 KiB
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ success: true }`
   * @throws {@link AuthingError} {@link AuthingAuthenticationError} without a session; 400 for a bad name or payload
   * @example
   * const { success } = await auth.event.pub('cart.updated', JSON.stringify({ items: 3 }));
   */
  async pub(eventName: string, data: string, requestOptions?: RequestOptions): Promise<{ success: boolean }> {
    return (await calls()).pub(this.#ctx, eventName, data, requestOptions);
  }
}
