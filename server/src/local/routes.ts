/**
 * Endpoints only authing-local has, under `/__local/`: what a developer or a test needs to play
 * the parts of the world authing-local does not reach (the mail and SMS it never sends, the phone
 * that scans a QR code). Authing has none of them; no SDK method calls them. They answer the REST
 * envelope `{code, message, data}`. The pool is the one `x-authing-userpool-id` (or
 * `?userPoolId=`) names, else the one `x-authing-app-id` belongs to, else the server's first pool.
 */
import type { PoolKeys, ServerState } from '../context.js';
import { AuthingServerError, Errors } from '../errors.js';
import { json, refusal } from '../http/answer.js';
import { langOf } from '../i18n.js';
import { ServiceErrors } from '../services/errors.js';
import { listOutbox } from '../services/outbox.js';
import { normalizeRecipient } from '../services/verification-codes.js';

/** One local endpoint: answers `data`, or throws an AuthingServerError. */
export type LocalHandler = (request: Request, url: URL, pool: PoolKeys, state: ServerState) => Promise<unknown>;

const handlers = new Map<string, LocalHandler>();

/** Registers `METHOD /__local/...` (exact path). Other files of this folder add theirs at import. */
export function localRoute(method: string, path: string, handler: LocalHandler): void {
  handlers.set(`${method} ${path}`, handler);
}

/**
 * `GET /__local/outbox?recipient=&kind=&limit=`: the messages the pool would have sent, newest
 * last; `recipient` matches an email case-insensitively and a phone without spaces or dashes.
 */
localRoute('GET', '/__local/outbox', async (_request, url, pool, state) => {
  const recipient = url.searchParams.get('recipient');
  const kind = url.searchParams.get('kind');
  const normalized = recipient ? normalizeRecipient(recipient.includes('@') ? 'email' : 'sms', recipient) : undefined;
  let list = await listOutbox(state.store.db, pool.id, normalized);
  if (kind) list = list.filter((m) => m.kind === kind);
  const limit = Number(url.searchParams.get('limit') ?? 0);
  if (Number.isInteger(limit) && limit > 0) list = list.slice(-limit);
  return { list, totalCount: list.length };
});

async function poolOf(request: Request, url: URL, state: ServerState): Promise<PoolKeys | null> {
  const named = request.headers.get('x-authing-userpool-id') ?? url.searchParams.get('userPoolId');
  if (named) return state.findPool(named);
  const appId = request.headers.get('x-authing-app-id') ?? url.searchParams.get('appId');
  if (appId) return state.findAppPool(appId);
  return state.defaultPool();
}

/** Answers a `/__local/...` request. */
export async function handleLocal(request: Request, url: URL, state: ServerState): Promise<Response> {
  const lang = langOf(request);
  const handler = handlers.get(`${request.method} ${url.pathname}`);
  if (!handler) return json({ code: 404, message: lang === 'en-US' ? 'Not found' : '资源不存在', data: null }, 404);
  try {
    const pool = await poolOf(request, url, state);
    if (!pool) throw ServiceErrors.poolNotFound();
    const data = await handler(request, url, pool, state);
    // A handler that answers something other than JSON (a stored file) builds its own Response.
    if (data instanceof Response) return data;
    return json({ code: 200, message: lang === 'en-US' ? 'Success' : '成功', data: data ?? null });
  } catch (error) {
    if (error instanceof AuthingServerError) return refusal(error, url.pathname, lang);
    state.log(error);
    return refusal(Errors.internal(), url.pathname, lang);
  }
}
