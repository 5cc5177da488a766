import type { Kysely } from 'kysely';
import { endCasSession, serviceAllowed } from '../services/cas.js';
import { parseOidcConfig } from '../services/oidc-config.js';
import type { Database } from '../storage/tables.js';
import { PROTOCOL_SESSION_COOKIES } from '../oidc/routes.js';
import { cookieOf, SSO_SESSION_COOKIE } from './sso-login.js';
import { messagePage, PAGE_CSP, pageLang, t } from './views.js';

/** Where Authing's hosted logout lives. */
export const HOSTED_LOGOUT_PATH = '/login/profile/logout';


/** Whether some app registered `url` as a callback or a logout URL. */
async function registered(db: Kysely<Database>, url: string): Promise<boolean> {
  const apps = await db.selectFrom('applications').select(['redirect_uris', 'oidc_config']).execute();
  return apps.some((a) => serviceAllowed([...(JSON.parse(a.redirect_uris) as string[]), ...parseOidcConfig(a.oidc_config).post_logout_redirect_uris], url));
}

/**
 * `GET /login/profile/logout[?redirect_uri=]`, Authing's hosted logout (`buildLogoutUrl()` without
 * `expert`): ends the browser's sessions of the hosted pages (the OIDC and OAuth providers' and the
 * CAS login's), then goes to `redirect_uri` when an app registered it, else shows that the user is
 * signed out.
 */
export async function hostedLogout(request: Request, url: URL, db: Kysely<Database>): Promise<Response> {
  const headers = new Headers({ 'cache-control': 'no-store' });
  for (const name of PROTOCOL_SESSION_COOKIES) {
    const id = cookieOf(request, name);
    if (id) await db.deleteFrom('oidc_models').where('model', '=', 'Session').where('id', '=', id).execute();
    for (const n of [name, `${name}.sig`]) headers.append('set-cookie', `${n}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
  }
  await endCasSession(db, cookieOf(request, SSO_SESSION_COOKIE));
  headers.append('set-cookie', `${SSO_SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
  const next = url.searchParams.get('redirect_uri');
  if (next && (await registered(db, next))) {
    headers.set('location', next);
    return new Response(null, { status: 302, headers });
  }
  const lang = pageLang(undefined, request.headers.get('accept-language') ?? undefined);
  headers.set('content-type', 'text/html; charset=utf-8');
  headers.set('content-security-policy', PAGE_CSP);
  return new Response(messagePage(lang, '/cas-idp/assets/login.css', t(lang, 'logoutTitle'), t(lang, 'loggedOut')), { status: 200, headers });
}
