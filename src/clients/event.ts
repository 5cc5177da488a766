/**
 * `managementClient.event`: publishing to the pool's event hub (v3 `POST /api/v3/pub-event`).
 * authing-local stores each event (read them with `GET /__local/events?eventType=`) and delivers
 * it nowhere. The official SDK's websocket `sub` (subscribe) is not a request and is not offered.
 */
import { toAuthingError } from '../core/errors.js';
import { SDK_VERSION, type RequestOptions } from '../core/options.js';
import type { ClientContext } from './context.js';

/** The body both event clients send, as the official SDK does. */
export function eventBody(eventName: unknown, data: unknown): { eventType: string; source: string; eventData: string } {
  if (typeof eventName !== 'string' || eventName === '') {
    throw toAuthingError({ kind: 'validation', argument: 'eventName', message: 'eventName must be a non-empty string' });
  }
  if (typeof data !== 'string') throw toAuthingError({ kind: 'validation', argument: 'data', message: 'data must be a string' });
  return { eventType: eventName, source: `authing-ts: ${SDK_VERSION}`, eventData: data };
}

/**
 * Publishes custom events to the pool's event hub as the pool administrator. Get it from
 * `managementClient.event`. Subscribing (`sub`, a websocket) is not offered.
 * @example
 * await management.event.pub('order.paid', JSON.stringify({ orderId: '42' }));
 */
export class EventClient {
  readonly #context: ClientContext;

  private constructor(context: ClientContext) {
    this.#context = context;
  }

  /** @internal Built by {@link ManagementClient} only: the context is the SDK's, not part of the API. */
  static fromContext(context: ClientContext): EventClient {
    return new EventClient(context);
  }

  /**
   * Publishes one event (v3 `POST /api/v3/pub-event`, body `{ eventType, source, eventData }`).
   * authing-local stores it and sends it nowhere.
   * @param eventName - the event type, 1 to 128 letters, digits, `_ . : -`
   * @param data - the payload, a string (JSON-encode objects), at most 64 KiB
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ success: true }`
   * @throws {@link AuthingError} 400 for a bad event name or payload
   * @example
   * const { success } = await management.event.pub('order.paid', JSON.stringify({ orderId: '42' }));
   */
  async pub(eventName: string, data: string, requestOptions?: RequestOptions): Promise<{ success: boolean }> {
    const body = eventBody(eventName, data);
    return this.#context.transport.rest.POST('/api/v3/pub-event', { body }, requestOptions);
  }
}
