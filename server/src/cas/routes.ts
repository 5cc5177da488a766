import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { ServerState } from '../context.js';
import { AuthingServerError, type Lang } from '../errors.js';
import { LOGIN_CSS, loginPage, messagePage, mfaPage, PAGE_CSP, pageLang, t } from '../hosted/views.js';
import { claimsOf } from '../oidc/account.js';
import { accountIdentifier, loginSession } from '../services/authentication.js';
import { casSession, casUserName, endCasSession, issueTicket, openCasSession, redeemTicket, serviceAllowed, SESSION_TTL_S, type TicketFailure } from '../services/cas.js';
import type { ServiceContext } from '../services/context.js';
import { completeWithTotp, mfaChallengeFor, recordChallenge } from '../services/mfa-login.js';
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

/** The CAS login's session cookie. */
export const CAS_SESSION_COOKIE = 'authing_cas_session';
const SESSION_COOKIE = CAS_SESSION_COOKIE;
const CSRF_COOKIE = 'authing_cas_csrf';
const CSS = '/cas-idp/assets/login.css';
const MFA_STEP_TTL_S = 600;

function cookie(request: Request, name: string): string | null {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

function html(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': PAGE_CSP, 'cache-control': 'no-store', 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', ...headers },
  });
}

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

const sameToken = (a: string | null, b: string | null) => !!a && !!b && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export class CasServer {
  constructor(private readonly state: ServerState) {}

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
    const lang = pageLang(undefined, request.headers.get('accept-language') ?? undefined);
    if (!app) return step === 'validate' ? new Response('no\n', { headers: { 'content-type': 'text/plain; charset=utf-8' } }) : html(404, messagePage(lang, CSS, t(lang, 'errorTitle'), 'application not found'));
    const service: ServiceContext = { store: this.state.store, poolId: app.userpool_id };
    if (step === 'validate' || step === 'serviceValidate') {
      const result = await redeemTicket(service, app.id, url.searchParams.get('service'), url.searchParams.get('ticket'));
      if (step === 'validate') return new Response(result.ok ? `yes\n${casUserName(result.user)}\n` : 'no\n', { headers: { 'content-type': 'text/plain; charset=utf-8' } });
      return serviceResponse(result, (url.searchParams.get('format') ?? 'XML').toUpperCase());
    }
    const ctx: CasLogin = { request, app, service, lang, target: null };
    if (request.method === 'GET' && !step) {
      const target = url.searchParams.get('service');
      ctx.target = target;
      if (target && !serviceAllowed(JSON.parse(app.redirect_uris) as string[], target)) return html(400, messagePage(lang, CSS, t(lang, 'errorTitle'), 'service is not registered for this application'));
      return this.start(ctx);
    }
    if (request.method !== 'POST' || (step !== 'login' && step !== 'mfa')) return new Response('Method Not Allowed', { status: 405, headers: { allow: 'GET' } });
    const form = new URLSearchParams(await request.text());
    if (!sameToken(form.get('csrf'), cookie(request, CSRF_COOKIE))) return html(403, messagePage(lang, CSS, t(lang, 'errorTitle'), t(lang, 'csrf')));
    const posted = form.get('service');
    if (posted && !serviceAllowed(JSON.parse(app.redirect_uris) as string[], posted)) return html(400, messagePage(lang, CSS, t(lang, 'errorTitle'), 'service is not registered for this application'));
    ctx.target = posted || null;
    return step === 'login' ? this.passwordLogin(ctx, form) : this.mfaStep(ctx, form);
  }

  /** A signed-in browser goes straight back with a ticket; another one gets the login page. */
  private async start(ctx: CasLogin): Promise<Response> {
    const session = await casSession(this.state.store.db, cookie(ctx.request, SESSION_COOKIE));
    if (session && session.poolId === ctx.app.userpool_id && this.state.store.index.canAccessApp(ctx.app.id, session.user.id).allowed) {
      if (!ctx.target) return html(200, messagePage(ctx.lang, CSS, ctx.app.name, `${casUserName(session.user)}`));
      return redirect(withTicket(ctx.target, await issueTicket(ctx.service, ctx.app.id, ctx.target, session.user.id)));
    }
    return this.page(ctx, 200, (csrf) => loginPage({ lang: ctx.lang, action: `/cas-idp/${ctx.app.id}`, cssHref: CSS, csrf, appName: ctx.app.name, codeLogin: false, hidden: this.hidden(ctx) }));
  }

  private hidden(ctx: CasLogin): Record<string, string> {
    return ctx.target ? { service: ctx.target } : {};
  }

  private page(_ctx: CasLogin, status: number, body: (csrf: string) => string): Response {
    const csrf = randomBytes(24).toString('base64url');
    return html(status, body(csrf), { 'set-cookie': `${CSRF_COOKIE}=${csrf}; Path=/cas-idp; HttpOnly; SameSite=Lax` });
  }

  private async passwordLogin(ctx: CasLogin, form: URLSearchParams): Promise<Response> {
    const account = (form.get('account') ?? '').trim();
    const password = form.get('password') ?? '';
    const again = (error: string) =>
      this.page(ctx, 400, (csrf) => loginPage({ lang: ctx.lang, action: `/cas-idp/${ctx.app.id}`, cssHref: CSS, csrf, appName: ctx.app.name, account, error, codeLogin: false, hidden: this.hidden(ctx) }));
    if (!account || !password) return again(t(ctx.lang, 'required'));
    try {
      const by = await accountIdentifier(ctx.service, account);
      const session = await loginSession(ctx.service, by, account, password, { appId: ctx.app.id, clientIp: ctx.request.headers.get('x-forwarded-for') });
      const challenge = await mfaChallengeFor(ctx.service, session.user);
      if (!challenge) return this.signedIn(ctx, session.user.id);
      const jti = randomBytes(24).toString('base64url');
      await recordChallenge(ctx.service, { jti, userId: session.user.id, appId: ctx.app.id, exp: Math.floor(Date.now() / 1000) + MFA_STEP_TTL_S });
      return this.page(ctx, 200, (csrf) => mfaPage({ lang: ctx.lang, action: `/cas-idp/${ctx.app.id}`, cssHref: CSS, csrf, challenge: jti, hidden: this.hidden(ctx) }));
    } catch (error) {
      if (!(error instanceof AuthingServerError)) throw error;
      return again(error.messageFor(ctx.lang));
    }
  }

  private async mfaStep(ctx: CasLogin, form: URLSearchParams): Promise<Response> {
    const jti = form.get('challenge') ?? '';
    const row = await this.state.store.db.selectFrom('mfa_challenges').select(['user_id', 'app_id']).where('jti', '=', jti).where('userpool_id', '=', ctx.app.userpool_id).executeTakeFirst();
    if (!row || row.app_id !== ctx.app.id) return html(403, messagePage(ctx.lang, CSS, t(ctx.lang, 'errorTitle'), t(ctx.lang, 'csrf')));
    try {
      const session = await completeWithTotp(ctx.service, { jti, userId: row.user_id }, form.get('totp'));
      return this.signedIn(ctx, session.user.id);
    } catch (error) {
      if (!(error instanceof AuthingServerError)) throw error;
      return this.page(ctx, 400, (csrf) => mfaPage({ lang: ctx.lang, action: `/cas-idp/${ctx.app.id}`, cssHref: CSS, csrf, challenge: jti, error: error.messageFor(ctx.lang), hidden: this.hidden(ctx) }));
    }
  }

  /** Opens the session (the cookie) and goes back to the service with a ticket. */
  private async signedIn(ctx: CasLogin, userId: string): Promise<Response> {
    const id = await openCasSession(ctx.service, userId, ctx.app.id);
    const sessionCookie = `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_TTL_S}`;
    if (!ctx.target) return redirect(`/cas-idp/${ctx.app.id}`, [sessionCookie]);
    return redirect(withTicket(ctx.target, await issueTicket(ctx.service, ctx.app.id, ctx.target, userId)), [sessionCookie]);
  }

  /** Ends the browser's session; goes on to `url` when it is a service of the session's app. */
  private async logout(request: Request, url: URL): Promise<Response> {
    const db = this.state.store.db;
    const id = cookie(request, SESSION_COOKIE);
    const session = await casSession(db, id);
    await endCasSession(db, id);
    const clear = `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
    const next = url.searchParams.get('url');
    const lang = pageLang(undefined, request.headers.get('accept-language') ?? undefined);
    if (next && session) {
      const app = await db.selectFrom('applications').select('redirect_uris').where('id', '=', session.appId).executeTakeFirst();
      if (app && serviceAllowed(JSON.parse(app.redirect_uris) as string[], next)) return redirect(next, [clear]);
    }
    return html(200, messagePage(lang, CSS, t(lang, 'logoutTitle'), t(lang, 'loggedOut')), { 'set-cookie': clear });
  }

  /** `trackSession`: the browser's CAS session and its user, or null. */
  private async session(request: Request): Promise<Response> {
    const session = await casSession(this.state.store.db, cookie(request, SESSION_COOKIE));
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

interface CasLogin {
  request: Request;
  app: { id: string; userpool_id: string; name: string; redirect_uris: string };
  service: ServiceContext;
  lang: Lang;
  /** The service to go back to. */
  target: string | null;
}
