/**
 * The fetch the SDK uses when the caller passes none, outside Node (browsers, workers, Deno):
 * the global `fetch`, looked up at call time so a polyfill installed later is used.
 * Node gets ./node.ts instead, through the package's `#default-fetch` import conditions.
 */
import type { FetchLike } from '../options.js';

export const defaultFetch: FetchLike = (input, init) => globalThis.fetch(input, init);
