import { randomBytes } from 'node:crypto';

/** A 24-hex id, the shape of Authing's (Mongo ObjectId-like) ids. */
export const newId = (): string => randomBytes(12).toString('hex');

/** A 32-hex secret. */
export const newSecret = (): string => randomBytes(16).toString('hex');

let last = 0;

/**
 * Now as an ISO-8601 string, the storage format of every timestamp. Strictly increasing within
 * the process, so "ordered by creation time" is a total order even for rows made in one
 * millisecond.
 */
export function nowIso(): string {
  last = Math.max(Date.now(), last + 1);
  return new Date(last).toISOString();
}
