import type { RequestContext } from '../../context.js';
import type { ResourceType } from '../../engine/types.js';
import { Errors } from '../../errors.js';
import { RESOURCE_TYPES } from '../../services/resources.js';
import type { ServiceContext } from '../../services/context.js';

/** A `CommonMessage` success, in the caller's language. */
export const ok = (rc: RequestContext, en = 'Success', zh = '操作成功') => ({ code: 200, message: rc.lang === 'en-US' ? en : zh });

/** Management operations: a management token of the pool is required. */
export const manage = async (rc: RequestContext): Promise<ServiceContext> => (await rc.management()).service;

/**
 * Nested fields (a user's roles, a role's users, …) run as whoever fetched the parent: the parent
 * resolver has already decided that this caller may see it.
 */
export const nested = async (rc: RequestContext): Promise<ServiceContext> => (await rc.anyPrincipal()).service;

/** `resourceType` arrives as a plain String on the wire; anything but the five types is a bad request. */
export function resourceTypeArg(value: string | null | undefined): ResourceType | null {
  if (value === null || value === undefined || value === '') return null;
  if ((RESOURCE_TYPES as readonly string[]).includes(value)) return value as ResourceType;
  throw Errors.invalidInput(`resourceType must be one of ${RESOURCE_TYPES.join(', ')}`, `resourceType 必须是 ${RESOURCE_TYPES.join('、')} 之一`);
}

/** Lists typed `[String]` on the wire may carry nulls; the services take clean arrays. */
export const compact = <T>(xs: ReadonlyArray<T | null | undefined> | null | undefined): T[] | null =>
  xs ? xs.filter((x): x is T => x !== null && x !== undefined) : null;
