/**
 * The time budget of one public call. It starts when the call starts and covers waiting for the
 * token, every attempt, a token refresh with its replay, and the waits between retries: an attempt
 * gets at most what is left, and a wait that would end after it is not started.
 */
import { DEFAULT_DEADLINE } from './options.js';

/** The reason the deadline's signal aborts with. */
const REASON = 'The call exceeded its deadline';

/** Longest delay `setTimeout` honours (2^31 - 1 ms, about 24.8 days); a longer one fires at once. */
export const MAX_TIMER_MS = 2_147_483_647;

export class Deadline {
  /** The budget in milliseconds; `Infinity` when there is none. */
  readonly ms: number;
  readonly #end: number;
  readonly #controller: AbortController | undefined;
  readonly #timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * Starts the clock.
   * @param ms - the budget; 0, or more than {@link MAX_TIMER_MS}, means none
   */
  constructor(ms: number) {
    const bounded = ms > 0 && ms <= MAX_TIMER_MS;
    this.ms = bounded ? ms : Infinity;
    this.#end = bounded ? Date.now() + ms : Infinity;
    if (bounded) {
      const controller = new AbortController();
      this.#controller = controller;
      this.#timer = setTimeout(() => controller.abort(new DOMException(REASON, 'TimeoutError')), ms);
    }
  }

  /**
   * The budget of a call from its options.
   * @param deadline - the per-call or client `deadline`, if either was given
   * @param timeout - the call's effective per-attempt timeout (0 = none)
   * @returns the budget in ms: `deadline`, else the longer of {@link DEFAULT_DEADLINE} and `timeout`
   */
  static budget(deadline: number | undefined, timeout: number): number {
    if (deadline !== undefined) return deadline;
    return timeout > 0 && timeout <= MAX_TIMER_MS ? Math.max(DEFAULT_DEADLINE, timeout) : Infinity;
  }

  /** Aborts when the deadline passes; absent when there is none. */
  get signal(): AbortSignal | undefined {
    return this.#controller?.signal;
  }

  /** Whether the deadline has passed. */
  get expired(): boolean {
    return this.#controller?.signal.aborted === true || Date.now() >= this.#end;
  }

  /**
   * @returns milliseconds left (0 once passed), `Infinity` without a deadline
   */
  remaining(): number {
    return Math.max(this.#end - Date.now(), 0);
  }

  /** Stops the timer; called when the call settles. */
  clear(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
  }
}
