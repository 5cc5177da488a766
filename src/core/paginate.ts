/**
 * Auto-pagination: one async iterator over every item of a paged listing, built once here and
 * used by every `iterate…` method of the sub-clients.
 */
import { toAuthingError } from './errors.js';
import type { RequestOptions } from './options.js';

/** The page shape every Authing listing answers with. */
export interface PageOf<T> {
  totalCount: number;
  list: T[];
}

/** The page size an iterator asks for unless told otherwise. */
export const DEFAULT_PAGE_SIZE = 50;
/** The largest page Authing (and authing-local) serves. */
export const MAX_PAGE_SIZE = 200;

/** Options of every `iterate…` method: the page size and the usual per-call options. */
export interface IterateOptions extends RequestOptions {
  /** Items per request, 1–{@link MAX_PAGE_SIZE}. Default {@link DEFAULT_PAGE_SIZE}. */
  pageSize?: number;
}

/**
 * What is left of an iterator's options once its listing's own options are taken out: it only
 * compiles when nothing but {@link IterateOptions} keys remain, so a listing option forgotten in
 * the split fails `tsc` instead of travelling as a request option.
 */
export const iterateOptionsOnly = <R extends IterateOptions>(rest: R & Record<Exclude<keyof R, keyof IterateOptions>, never>): IterateOptions => rest;

/** Fetches one page; `page` starts at 1. */
export type PageFetcher<T> = (page: number, limit: number, requestOptions: RequestOptions) => Promise<PageOf<T>>;

/**
 * Yields every item of a listing, fetching the next page only when the caller asks for more, so
 * `break` stops the requests. It stops after the page that reaches `totalCount`, or at the first
 * page shorter than the page size (a listing that shrank while it was read). Pages are read by
 * offset, as Authing serves them: an item created or deleted meanwhile may shift others across a
 * page boundary, so read a changing listing under your own lock if exactness matters.
 * @param fetchPage - one request for one page
 * @param options - page size, `signal` (checked before each page, and passed to each request), and the other per-call options
 * @returns an async iterator of the items
 * @throws {@link AuthingValidationError} for a page size outside 1–{@link MAX_PAGE_SIZE} (on the first `next()`)
 * @throws {@link AuthingAbortError} when `signal` aborts between pages; any error of a page request
 */
export async function* paginate<T>(fetchPage: PageFetcher<T>, options: IterateOptions = {}): AsyncGenerator<T, void, undefined> {
  const { pageSize = DEFAULT_PAGE_SIZE, ...requestOptions } = options;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw toAuthingError({ kind: 'validation', argument: 'pageSize', message: `pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}` });
  }
  let seen = 0;
  for (let page = 1; ; page++) {
    const signal = requestOptions.signal;
    if (signal?.aborted) throw toAuthingError({ kind: 'abort', message: 'The iteration was aborted', cause: signal.reason });
    const { totalCount, list } = await fetchPage(page, pageSize, requestOptions);
    for (const item of list) yield item;
    seen += list.length;
    if (list.length < pageSize || seen >= totalCount) return;
  }
}
