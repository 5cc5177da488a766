import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { ServerState } from '../context.js';
import type { NodeRoute } from '../http/node.js';
import { HostedLogin } from './interaction.js';
import { jtiReader, type JtiReader } from './jwt-values.js';
import { loadSigningKeys } from './keys.js';
import { AUTHING_TOKEN_GRANT, loginTokenUser } from './login-token.js';
import { PROTOCOL_PREFIXES } from './routes.js';
import { LOGIN_CSS } from '../hosted/views.js';


type Mounted = { provider: Provider; callback: ReturnType<Provider['callback']>; hosted: HostedLogin; jtiOf: JtiReader };


/** What oidc-provider itself reads of a request body at most. */
const PROVIDER_BODY_LIMIT = 56 * 1024;

/**
 * Hands the form body on to oidc-provider changed by `edit` (which sees it parsed), as node's stream
 * would give it. The body is read to its end even past the provider's limit (storing nothing more):
 * bytes left unread on a keep-alive socket would be taken for the next request; the provider then
 * refuses the size itself.
 */
async function editForm(req: IncomingMessage, edit: (form: URLSearchParams) => Promise<void>): Promise<void> {
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) return;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= PROVIDER_BODY_LIMIT) chunks.push(chunk);
  }
  let body = Buffer.concat(chunks);
  if (size <= PROVIDER_BODY_LIMIT) {
    const form = new URLSearchParams(body.toString('utf8'));
    const before = form.toString();
    await edit(form);
    if (form.toString() !== before) body = Buffer.from(form.toString());
  }
  req.headers['content-length'] = String(size > PROVIDER_BODY_LIMIT ? size : body.length);
  Object.defineProperty(req, 'readable', { value: true, configurable: true });
  req.iterator = async function* () {
    yield body;
  } as IncomingMessage['iterator'];
}

/**
 * oidc-provider refuses to introspect or revoke a JWT ("structured tokens"), because its own JWT
 * access tokens are not stored. authing-local's are (oidc/jwt-values.ts): the JWT stands for the
 * stored token named by its `jti`. So the `token` parameter of these two endpoints is replaced by
 * that `jti` before the provider reads the form; a JWT that is not the provider's stands for none.
 */
function presentJwtByJti(req: IncomingMessage, jtiOf: JtiReader): Promise<void> {
  return editForm(req, async (form) => {
    const token = form.get('token') ?? '';
    if (token.split('.').length === 3) form.set('token', (await jtiOf(token)) ?? 'invalid');
  });
}

/**
 * `getAccessTokenByIdToken` sends the login token and the app id, no secret (the official SDK does
 * so): the live login token of the app's pool is the proof, so the app's secret is added for the
 * provider's client authentication. Any other token leaves the request as it is (refused).
 */
function authingTokenAsClientAuth(req: IncomingMessage, state: ServerState): Promise<void> {
  return editForm(req, async (form) => {
    if (form.get('grant_type') !== AUTHING_TOKEN_GRANT || form.has('client_secret') || req.headers.authorization) return;
    const clientId = form.get('client_id') ?? '';
    if (!(await loginTokenUser(state, form.get('token') ?? '', clientId))) return;
    const app = await state.store.db.selectFrom('applications').select('secret').where('id', '=', clientId).executeTakeFirst();
    if (app) form.set('client_secret', app.secret);
  });
}

/**
 * Authing's userinfo endpoint takes the token as `?access_token=` (the official SDKs' default);
 * oidc-provider refuses that form (RFC 6750 §2.3 discourages it). Such a request is handed on with
 * the token as `Authorization: Bearer` and the parameter removed; a request that also sends a
 * header is left as it is (and refused for carrying two tokens).
 */
function queryTokenAsBearer(req: IncomingMessage): void {
  const url = new URL(req.url ?? '/', 'http://local');
  const token = url.searchParams.get('access_token');
  if (token === null || req.headers.authorization !== undefined) return;
  url.searchParams.delete('access_token');
  req.headers.authorization = `Bearer ${token}`;
  req.url = `${url.pathname}${url.search}`;
}

const RUNTIME_WARNING = 'oidc-provider WARNING: Unsupported runtime.';

/**
 * Loads oidc-provider on the first protocol request, so a server that never serves one does not pay
 * for it at start. oidc-provider 9 warns on import under any Node.js before 22 although it runs on
 * Node.js 20 (whose APIs it uses exist there, and the whole suite runs on it): that one line is
 * held back; every other warning passes.
 */
async function loadProviderModule(): Promise<typeof import('./provider.js')> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].includes(RUNTIME_WARNING)) return;
    warn(...args);
  };
  try {
    return await import('./provider.js');
  } finally {
    console.warn = warn;
  }
}

/**
 * The identity-protocol endpoints, served on node:http next to the fetch handler (oidc-provider is
 * a Koa application and reads node's request and response). The providers are made on the first
 * protocol request, once the server knows its own URL (the issuer), from keys kept in the database.
 */
export function protocolRoutes(state: ServerState): NodeRoute {
  let mounted: Promise<Map<string, Mounted>> | undefined;
  const mount = async (): Promise<Map<string, Mounted>> => {
    const { cookieSecretOf, createProvider } = await loadProviderModule();
    const keys = await loadSigningKeys(state.store.db);
    const secret = cookieSecretOf(keys[0]!);
    const map = new Map<string, Mounted>();
    for (const prefix of PROTOCOL_PREFIXES) {
      const provider = await createProvider(state, prefix, keys, secret);
      map.set(prefix, { provider, callback: provider.callback(), hosted: new HostedLogin(provider, state, prefix), jtiOf: jtiReader(keys) });
    }
    return map;
  };
  return (req, res) => {
    const url = req.url ?? '/';
    const prefix = PROTOCOL_PREFIXES.find((p) => url === p || url.startsWith(`${p}/`) || url.startsWith(`${p}?`));
    if (!prefix) return false;
    mounted ??= mount().catch((error: unknown) => {
      mounted = undefined;
      throw error;
    });
    void (async () => {
      const { callback, hosted, jtiOf } = (await mounted).get(prefix)!;
      const path = (url.slice(prefix.length).split('?')[0] ?? '') || '/';
      if (path === '/assets/login.css' && (req.method === 'GET' || req.method === 'HEAD')) {
        res.writeHead(200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600', 'x-content-type-options': 'nosniff' });
        res.end(req.method === 'HEAD' ? undefined : LOGIN_CSS);
        return;
      }
      if (await hosted.handle(req, res, path)) return;
      if (req.method === 'POST' && (path === '/token/introspection' || path === '/token/revocation')) await presentJwtByJti(req, jtiOf);
      if (path === '/me') queryTokenAsBearer(req);
      if (req.method === 'POST' && path === '/token') await authingTokenAsClientAuth(req, state);
      // Mounted as Express would: oidc-provider reads its mount path from `originalUrl`.
      const full = req.url ?? url;
      (req as IncomingMessage & { originalUrl?: string }).originalUrl = full;
      const rest = full.slice(prefix.length);
      req.url = rest.startsWith('/') ? rest : `/${rest}`;
      await callback(req, res);
    })().catch((error: unknown) => {
      state.log(error);
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ error: 'server_error', error_description: 'an unexpected error occurred' }));
      } else res.destroy();
    });
    return true;
  };
}
