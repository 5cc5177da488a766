/**
 * The phone of a QR-code login, authing-local only (the real apps call private Authing APIs):
 * `POST /__local/qrcode/scan`, `/__local/qrcode/confirm` and `/__local/qrcode/cancel`, each with the
 * JSON body `{random, userToken}`. `userToken` is the logged-in user's token (a login's `token`); it
 * must be valid and of the pool the request names (2020), and the code of that pool (2241). Each
 * answers the code's status as `GET /api/v2/qrcode/check` would; `scan` adds `payload`, the data
 * the QR code encodes.
 */
import { verifyPoolToken, type PoolKeys, type ServerState } from '../context.js';
import { Errors } from '../errors.js';
import * as qrcode from '../services/qrcode.js';
import { localRoute } from './routes.js';

async function phoneRequest(request: Request, pool: PoolKeys, state: ServerState) {
  const body: unknown = await request.json().catch(() => undefined);
  const { random, userToken } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof random !== 'string' || random === '') throw Errors.invalidInput('random is required', 'random 不能为空');
  if (typeof userToken !== 'string' || userToken === '') throw Errors.invalidInput('userToken is required', 'userToken 不能为空');
  const { claims } = await verifyPoolToken(state, userToken);
  const userId = qrcode.requireUserOfPool(claims, pool.id);
  return { service: { store: state.store, poolId: pool.id }, random, userId };
}

localRoute('POST', '/__local/qrcode/scan', async (request, _url, pool, state) => {
  const { service, random, userId } = await phoneRequest(request, pool, state);
  const payload = await qrcode.scan(service, random, userId);
  return { ...(await qrcode.checkStatus(service, random)), payload };
});

localRoute('POST', '/__local/qrcode/confirm', async (request, _url, pool, state) => {
  const { service, random, userId } = await phoneRequest(request, pool, state);
  return qrcode.confirm(service, random, userId);
});

localRoute('POST', '/__local/qrcode/cancel', async (request, _url, pool, state) => {
  const { service, random, userId } = await phoneRequest(request, pool, state);
  return qrcode.cancel(service, random, userId);
});
