import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { ServerState } from '../context.js';
import { AuthingServerError, type Lang } from '../errors.js';
import { casSession, openCasSession, SESSION_TTL_S } from '../services/cas.js';
import type { ServiceContext } from '../services/context.js';
import type { WireUser } from '../services/user-wire.js';
import { passwordStep, secondFactorChallenge, totpStep } from './sign-in-steps.js';
import { loginPage, messagePage, mfaPage, PAGE_HEADERS, pageLang, t } from './views.js';

/**
 * The hosted sign-in of the protocols that keep their own browser session (CAS and SAML): the
 * login page, the TOTP step, and the session cookie that lets a signed-in browser through at once.
 * Each protocol says where its forms post (`action`), which hidden fields travel with them (the
 * CAS service, the SAML request), and what a signed-in browser gets (a ticket, a SAML response).
 * The same logins as the API's run underneath: lockout, blocked users, the app's access policy.
 */

/** The browser session cookie of the hosted sign-in (CAS and SAML share it: one sign-in, both protocols). */
export const SSO_SESSION_COOKIE = 'authing_cas_session';

/** The value of cookie `name` in a `Cookie` header. */
export function cookieIn(header: string | null | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join('='));
    } catch {
      return null;
    }
  }
  return null;
}

export const cookieOf = (request: Request, name: string): string | null => cookieIn(request.headers.get('cookie'), name);

export function htmlPage(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: { ...PAGE_HEADERS, ...headers },
  });
}

/** Whether a posted CSRF token equals its cookie, compared in constant time. */
export const sameToken = (a: string | null, b: string | null): boolean => !!a && !!b && Buffer.byteLength(a) === Buffer.byteLength(b) && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** One sign-in at one app: its request, the app, and the protocol's part of the forms. */
export interface SsoAttempt {
  request: Request;
  app: { id: string; userpool_id: string; name: string };
  service: ServiceContext;
  lang: Lang;
  /** Where the forms post: `{action}/login`, `{action}/mfa`. */
  action: string;
  /** Fields every form carries back (the protocol's request). */
  hidden: Record<string, string>;
  /** What a signed-in browser gets; `cookies` must be set on the answer. */
  signedIn(user: { id: string }, cookies: string[]): Promise<Response>;
}

export class SsoLogin {
  constructor(
    private readonly state: ServerState,
    /** The stylesheet's URL, and the path the CSRF cookie is scoped to. */
    private readonly paths: { css: string; csrfCookiePath: string; csrfCookie: string },
  ) {}

  /** The language of a page for this request. */
  langOf(request: Request): Lang {
    return pageLang(undefined, request.headers.get('accept-language') ?? undefined);
  }

  error(lang: Lang, status: number, text: string): Response {
    return htmlPage(status, messagePage(lang, this.paths.css, t(lang, 'errorTitle'), text));
  }

  /** The signed-in user of the browser, when the session may enter `app`. */
  async sessionUser(a: Pick<SsoAttempt, 'request' | 'app'>): Promise<WireUser | null> {
    const session = await casSession(this.state.store.db, cookieOf(a.request, SSO_SESSION_COOKIE));
    if (!session || session.poolId !== a.app.userpool_id || !this.state.store.index.canAccessApp(a.app.id, session.user.id).allowed) return null;
    return session.user;
  }

  /** A signed-in browser goes through at once; another one gets the login page. */
  async start(a: SsoAttempt): Promise<Response> {
    const user = await this.sessionUser(a);
    if (user) return a.signedIn(user, []);
    return this.page(200, (csrf) => loginPage({ lang: a.lang, action: a.action, cssHref: this.paths.css, csrf, appName: a.app.name, codeLogin: false, hidden: a.hidden }));
  }

  /** A posted form (`login` or `mfa`), its CSRF token checked first. */
  async post(a: SsoAttempt, step: 'login' | 'mfa', form: URLSearchParams): Promise<Response> {
    if (!sameToken(form.get('csrf'), cookieOf(a.request, this.paths.csrfCookie))) return this.error(a.lang, 403, t(a.lang, 'csrf'));
    return step === 'login' ? this.passwordLogin(a, form) : this.mfaStep(a, form);
  }

  private page(status: number, body: (csrf: string) => string): Response {
    const csrf = randomBytes(24).toString('base64url');
    return htmlPage(status, body(csrf), { 'set-cookie': `${this.paths.csrfCookie}=${csrf}; Path=${this.paths.csrfCookiePath}; HttpOnly; SameSite=Lax` });
  }

  private async passwordLogin(a: SsoAttempt, form: URLSearchParams): Promise<Response> {
    const account = (form.get('account') ?? '').trim();
    const password = form.get('password') ?? '';
    const again = (error: string) =>
      this.page(400, (csrf) => loginPage({ lang: a.lang, action: a.action, cssHref: this.paths.css, csrf, appName: a.app.name, account, error, codeLogin: false, hidden: a.hidden }));
    if (!account || !password) return again(t(a.lang, 'required'));
    try {
      const userId = await passwordStep(a.service, a.app.id, account, password, a.request.headers.get('x-forwarded-for'));
      const challenge = await secondFactorChallenge(a.service, a.app.id, userId);
      if (!challenge) return this.opened(a, userId);
      return this.page(200, (csrf) => mfaPage({ lang: a.lang, action: a.action, cssHref: this.paths.css, csrf, challenge, hidden: a.hidden }));
    } catch (error) {
      if (!(error instanceof AuthingServerError)) throw error;
      return again(error.messageFor(a.lang));
    }
  }

  private async mfaStep(a: SsoAttempt, form: URLSearchParams): Promise<Response> {
    const jti = form.get('challenge') ?? '';
    try {
      const userId = await totpStep(a.service, a.app.id, jti, form.get('totp'));
      return userId ? this.opened(a, userId) : this.error(a.lang, 403, t(a.lang, 'csrf'));
    } catch (error) {
      if (!(error instanceof AuthingServerError)) throw error;
      return this.page(400, (csrf) => mfaPage({ lang: a.lang, action: a.action, cssHref: this.paths.css, csrf, challenge: jti, error: error.messageFor(a.lang), hidden: a.hidden }));
    }
  }

  /** Opens the browser session (the cookie) and lets the protocol answer. */
  private async opened(a: SsoAttempt, userId: string): Promise<Response> {
    const id = await openCasSession(a.service, userId, a.app.id);
    return a.signedIn({ id: userId }, [`${SSO_SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_TTL_S}`]);
  }
}
