/**
 * The session user's custom data: the management client's custom-data calls (one code path,
 * `../custom-data.ts`) with target USER and the session user's id, asked with the user's token.
 */
import type { RequestOptions } from '../../core/options.js';
import { getCustomData, listItems, removeValue, setCustomData, setOne } from '../custom-data.js';
import type { CustomData, CustomDataItem } from '../types.js';
import type { AuthContext } from './context.js';

/** `Q.udv(USER, me)` as items. */
export async function listUdv(ctx: AuthContext, requestOptions?: RequestOptions): Promise<CustomDataItem[]> {
  return listItems(ctx, 'USER', ctx.session.userId(), requestOptions);
}

/** `M.setUdv(USER, me, key, value)`: the value JSON-encoded, as the official SDK sends it. */
export async function setUdv(ctx: AuthContext, key: string, value: unknown, requestOptions?: RequestOptions): Promise<CustomDataItem[]> {
  return setOne(ctx, 'USER', ctx.session.userId(), key, value, requestOptions);
}

/** `M.removeUdv(USER, me, key)`. */
export async function removeUdv(ctx: AuthContext, key: string, requestOptions?: RequestOptions): Promise<CustomDataItem[]> {
  return removeValue(ctx, 'USER', ctx.session.userId(), key, requestOptions);
}

/** `Q.udv(USER, me)` as `{ key: value }`. */
export async function getUdfValue(ctx: AuthContext, requestOptions?: RequestOptions): Promise<CustomData> {
  return getCustomData(ctx, 'USER', ctx.session.userId(), requestOptions);
}

/** `M.setUdvBatch(USER, me, udvList)` from `{ key: value }`. */
export async function setUdfValue(ctx: AuthContext, data: Record<string, unknown>, requestOptions?: RequestOptions): Promise<CustomDataItem[]> {
  return setCustomData(ctx, 'USER', ctx.session.userId(), data, requestOptions);
}
