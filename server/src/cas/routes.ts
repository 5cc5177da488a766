import type { ServerState } from '../context.js';
import { cookieOf, htmlPage, SSO_SESSION_COOKIE, SsoLogin, type SsoAttempt } from '../hosted/sso-login.js';
import { LOGIN_CSS, messagePage, pageLang, t } from '../hosted/views.js';
import { claimsOf } from '../oidc/account.js';
import { casSession, casUserName, endCasSession, issueTicket, redeemTicket, serviceAllowed, SESSION_TTL_S, type TicketFailure } from '../services/cas.js';
import type { ServiceContext } from '../services/context.js';
import type { WireUser } from '../services/user-wire.js';

/**
 * authing-local as a CAS server, at Authing's paths: `/cas-idp/{appId}` (the login, or straight
 * back to the service with a ticket when the browser is signed in), `/cas-idp/{appId}/validate`
 * (CAS 1.0: `yes\n<user>\n` or `no\n`), `/cas-idp/{appId}/serviceValidate` (CAS 2.0 XML with the
 * user's attributes, or JSON with `format=JSON`), `/cas-idp/logout`, and `GET /cas/session` (the
 * browser's session, for `trackSession`). The login page is the hosted page of the OIDC provider
 * (the same services: lockout, blocked users, the app's access policy, the MFA step).
 */

/** Whether `METHOD path` is a CAS endpoint (for scripts/coverage.ts). */
export function servesCas(method: string, path: string): boolean {
  if (path === '/cas/session' || path === '/cas-idp/logout') return method === 'GET';
  const m = /^\/cas-idp\/[^/]+(?:\/(validate|serviceValidate|login|mfa))?$/.exec(path);
  if (!m) return false;
  return m[1] === 'login' || m[1] === 'mfa' ? method === 'POST' : method === 'GET';
}

const CSRF_COOKIE = 'authing_cas_csrf';
const CSS = '/cas-idp/assets/login.css';


function redirect(location: string, cookies: string[] = []): Response {
  const headers = new Headers({ location, 'cache-control': 'no-store' });
  for (const c of cookies) headers.append('set-cookie', c);
  return new Response(null, { status: 302, headers });
}

function withTicket(service: string, ticket: string): string {
  const url = new URL(service);
  url.searchParams.set('ticket', ticket);
  return url.href;
}

const escapeXml = (v: string) => v.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** CAS 2.0 attributes: the user's OIDC claims (as Authing's CAS answers them), scalars only. */
function attributesOf(user: WireUser): Record<string, string | number | boolean | Record<string, unknown>> {
  return claimsOf(user) as Record<string, string | number | boolean | Record<string, unknown>>;
}

function serviceResponse(result: { ok: true; user: WireUser } | { ok: false; code: TicketFailure; description: string }, format: string): Response {
  if (format === 'JSON') {
    const body = result.ok
      ? { serviceResponse: { authenticationSuccess: { user: casUserName(result.user), attributes: attributesOf(result.user) } } }
      : { serviceResponse: { authenticationFailure: { code: result.code, description: result.description } } };
    return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json; charset=utf-8' } });
  }
  const inner = result.ok
    ? `<cas:authenticationSuccess><cas:user>${escapeXml(casUserName(result.user))}</cas:user><cas:attributes>${Object.entries(attributesOf(result.user))
        .filter(([, v]) => typeof v !== 'object')
        .map(([k, v]) => `<cas:${k}>${escapeXml(String(v))}</cas:${k}>`)
        .join('')}</cas:attributes></cas:authenticationSuccess>`
    : `<cas:authenticationFailure code="${result.code}">${escapeXml(result.description)}</cas:authenticationFailure>`;
  return new Response(`<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">${inner}</cas:serviceResponse>\n`, { headers: { 'content-type': 'application/xml; charset=utf-8' } });
}

export class CasServer {
  private readonly login: SsoLogin;

  constructor(private readonly state: ServerState) {
    this.login = new SsoLogin(state, { css: CSS, csrfCookiePath: '/cas-idp', csrfCookie: CSRF_COOKIE });
  }

  /** Answers a `/cas-idp/...` or `/cas/session` request; null for any other path. */
  async handle(request: Request, url: URL): Promise<Response | null> {
    const path = url.pathname;
    if (path === '/cas/session' && request.method === 'GET') return this.session(request);
    if (!path.startsWith('/cas-idp/')) return null;
    if (path === CSS) return new Response(LOGIN_CSS, { headers: { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' } });
    if (path === '/cas-idp/logout') return this.logout(request, url);
    const m = /^\/cas-idp\/([^/]+)(?:\/(validate|serviceValidate|login|mfa))?$/.exec(path);
    if (!m) return null;
    const [, appId = '', step] = m;
    const app = await this.state.store.db.selectFrom('applications').select(['id', 'userpool_id', 'name', 'redirect_uris']).where('id', '=', decodeURIComponent(appId)).executeTakeFirst();
    const lang = this.login.langOf(request);
    if (!app) return step === 'validate' ? new Response('no\n', { headers: { 'content-type': 'text/plain; charset=utf-8' } }) : this.login.error(lang, 404, 'application not found');
    const service: ServiceContext = { store: this.state.store, poolId: app.userpool_id };
    if (step === 'validate' || step === 'serviceValidate') {
      const result = await redeemTicket(service, app.id, url.searchParams.get('service'), url.searchParams.get('ticket'));
      if (step === 'validate') return new Response(result.ok ? `yes\n${casUserName(result.user)}\n` : 'no\n', { headers: { 'content-type': 'text/plain; charset=utf-8' } });
      return serviceResponse(result, (url.searchParams.get('format') ?? 'XML').toUpperCase());
    }
    const registered = JSON.parse(app.redirect_uris) as string[];
    const attempt = (target: string | null): SsoAttempt => ({
      request,
      app,
      service,
      lang,
      action: `/cas-idp/${app.id}`,
      hidden: target ? { service: target } : {},
      signedIn: async (user, cookies) => {
        // No service: the login page of CAS itself, signed in.
        if (!target) return cookies.length > 0 ? redirect(`/cas-idp/${app.id}`, cookies) : htmlPage(200, messagePage(lang, CSS, app.name, t(lang, 'signedIn')));
        return redirect(withTicket(target, await issueTicket(service, app.id, target, user.id)), cookies);
      },
    });
    const notRegistered = (target: string | null) => target !== null && target !== '' && !serviceAllowed(registered, target);
    if (request.method === 'GET' && !step) {
      const target = url.searchParams.get('service');
      if (notRegistered(target)) return this.login.error(lang, 400, 'service is not registered for this application');
      return this.login.start(attempt(target || null));
    }
    if (request.method !== 'POST' || (step !== 'login' && step !== 'mfa')) return new Response('Method Not Allowed', { status: 405, headers: { allow: 'GET' } });
    const form = new URLSearchParams(await request.text());
    const target = form.get('service');
    if (notRegistered(target)) return this.login.error(lang, 400, 'service is not registered for this application');
    return this.login.post(attempt(target || null), step, form);
  }

  /** Ends the browser's session; goes on to `url` when it is a service of the session's app. */
  private async logout(request: Request, url: URL): Promise<Response> {
    const db = this.state.store.db;
    const id = cookieOf(request, SSO_SESSION_COOKIE);
    const session = await casSession(db, id);
    await endCasSession(db, id);
    const clear = `${SSO_SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
    const next = url.searchParams.get('url');
    const lang = pageLang(undefined, request.headers.get('accept-language') ?? undefined);
    if (next && session) {
      const app = await db.selectFrom('applications').select('redirect_uris').where('id', '=', session.appId).executeTakeFirst();
      if (app && serviceAllowed(JSON.parse(app.redirect_uris) as string[], next)) return redirect(next, [clear]);
    }
    return htmlPage(200, messagePage(lang, CSS, t(lang, 'logoutTitle'), t(lang, 'loggedOut')), { 'set-cookie': clear });
  }

  /** `trackSession`: the browser's CAS session and its user, or null. */
  private async session(request: Request): Promise<Response> {
    const session = await casSession(this.state.store.db, cookieOf(request, SSO_SESSION_COOKIE));
    const body = session
      ? {
          session: {
            _id: session.id,
            cookie: { originalMaxAge: SESSION_TTL_S * 1000, expires: new Date(session.expiresAt * 1000).toISOString(), secure: false, httpOnly: true, path: '/', sameSite: 'lax', appId: session.appId, type: 'cas', userId: session.user.id },
          },
          userInfo: session.user,
        }
      : null;
    return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
  }
}
