import type { Kysely } from 'kysely';
import type { ServerState } from '../context.js';
import { htmlPage, SsoLogin, type SsoAttempt } from '../hosted/sso-login.js';
import { escapeHtml, LOGIN_CSS, t } from '../hosted/views.js';
import type { ServiceContext } from '../services/context.js';
import { parseSamlConfig, type SamlConfig } from '../services/saml-config.js';
import { toWireUser } from '../services/user-wire.js';
import { nowIso } from '../storage/ids.js';
import type { Database } from '../storage/tables.js';

/**
 * authing-local as a SAML 2.0 identity provider for apps with a service provider (`samlConfig`),
 * at Authing's paths: `GET /api/v2/saml-idp/{appId}/metadata` (the IdP metadata with its signing
 * certificate), and the SSO endpoint `/api/v2/saml-idp/{appId}` for SP-initiated sign-in with the
 * HTTP-Redirect (GET) or HTTP-POST (POST) binding, or IdP-initiated without a request. The
 * response goes to the SP's assertion consumer service by HTTP-POST, its assertion signed. The
 * protocol is samlify's; the sign-in is the hosted one CAS uses (one session for both).
 */

export const SAML_PREFIX = '/api/v2/saml-idp/';
const CSS = '/api/v2/saml-idp/assets/login.css';
const AUTOPOST = '/api/v2/saml-idp/assets/autopost.js';
/** The response page may run its one script (the auto-submit), from our own path only. */
const RESPONSE_CSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'";

const BINDING = { redirect: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect', post: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST' } as const;
const NAME_ID_FORMATS: Record<SamlConfig['nameIdFormat'] & string, string> = {
  email: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
  unspecified: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
  persistent: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
};

/** Whether `METHOD path` is a SAML endpoint (for scripts/coverage.ts). */
export function servesSaml(method: string, path: string): boolean {
  const m = /^\/api\/v2\/saml-idp\/[^/]+(\/(metadata|login|mfa))?$/.exec(path);
  if (!m) return false;
  if (m[2] === 'metadata') return method === 'GET';
  if (m[2]) return method === 'POST';
  return method === 'GET' || method === 'POST';
}

type Samlify = typeof import('samlify');

/** samlify with its XML schema validator (xmllint in WebAssembly), loaded on the first SAML request. */
let samlifyModule: Promise<Samlify> | undefined;
function loadSamlify(): Promise<Samlify> {
  samlifyModule ??= (async () => {
    const samlify = await import('samlify');
    const validator = await import('@authenio/samlify-node-xmllint');
    samlify.setSchemaValidator({ validate: (xml: string) => validator.validate(xml) as Promise<string> });
    // xmllint compiles its WebAssembly and schemas on the first check (about 1.7 s here): done now,
    // with the library, rather than inside the first sign-in request. That first check fails (no SAML).
    await validator.validate('<warm-up/>').catch(() => undefined);
    return samlify;
  })();
  return samlifyModule;
}

/** The IdP's signing key and certificate: made once (self-signed, 10 years) and kept in the database. */
async function credentials(db: Kysely<Database>): Promise<{ privateKey: string; certificate: string }> {
  const row = await db.selectFrom('saml_credentials').selectAll().orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  if (row) return { privateKey: row.private_key_pem, certificate: row.certificate_pem };
  const { generate } = await import('selfsigned');
  const notAfterDate = new Date(Date.now() + 10 * 365 * 86_400_000);
  const pems = await generate([{ name: 'commonName', value: 'authing-local SAML IdP' }], { keySize: 2048, algorithm: 'sha256', notAfterDate });
  await db.insertInto('saml_credentials').values({ id: crypto.randomUUID(), private_key_pem: pems.private, certificate_pem: pems.cert, created_at: nowIso() }).execute();
  return { privateKey: pems.private, certificate: pems.cert };
}

/** The user attributes every assertion carries (name, and the value's tag in the template: `{attrEmail}`, ...). */
const ATTRIBUTES = [
  { name: 'sub', valueTag: 'sub' },
  { name: 'username', valueTag: 'username' },
  { name: 'email', valueTag: 'email' },
  { name: 'phone_number', valueTag: 'phoneNumber' },
  { name: 'name', valueTag: 'name' },
  { name: 'nickname', valueTag: 'nickname' },
] as const;

type AttributeValues = Record<(typeof ATTRIBUTES)[number]['valueTag'], string>;

/**
 * Fills samlify's response template (with the AttributeStatement of {@link ATTRIBUTES}) as samlify
 * fills its own, plus the attribute values. A response to a request names it in `InResponseTo`;
 * an IdP-initiated one (no request) has no `InResponseTo` at all, which must not be empty
 * (SAML core §3.2.2).
 */
function responseTemplate(samlify: Samlify, config: SamlConfig, issuer: string, nameId: string, attributes: AttributeValues, inResponseTo: string | undefined) {
  return (template: string) => {
    const now = new Date();
    const later = new Date(now.getTime() + 5 * 60_000).toISOString();
    const id = `_${crypto.randomUUID()}`;
    const values: Record<string, string> = {
      ID: id,
      AssertionID: `_${crypto.randomUUID()}`,
      Destination: config.acs,
      Audience: config.audience,
      EntityID: config.audience,
      SubjectRecipient: config.acs,
      Issuer: issuer,
      IssueInstant: now.toISOString(),
      AssertionConsumerServiceURL: config.acs,
      StatusCode: 'urn:oasis:names:tc:SAML:2.0:status:Success',
      ConditionsNotBefore: now.toISOString(),
      ConditionsNotOnOrAfter: later,
      SubjectConfirmationDataNotOnOrAfter: later,
      NameIDFormat: NAME_ID_FORMATS[config.nameIdFormat ?? 'email'],
      NameID: nameId,
      AuthnStatement: '',
      ...(inResponseTo ? { InResponseTo: inResponseTo } : {}),
      ...Object.fromEntries(Object.entries(attributes).map(([tag, v]) => [`attr${tag.charAt(0).toUpperCase()}${tag.slice(1)}`, v])),
    };
    const body = inResponseTo ? template : template.replace(/ InResponseTo="\{InResponseTo\}"/g, '');
    return { id, context: samlify.SamlLib.replaceTagsByValue(body, values) };
  };
}

export class SamlServer {
  private readonly login: SsoLogin;
  private creds: Promise<{ privateKey: string; certificate: string }> | undefined;

  constructor(private readonly state: ServerState) {
    this.login = new SsoLogin(state, { css: CSS, csrfCookiePath: SAML_PREFIX.slice(0, -1), csrfCookie: 'authing_saml_csrf' });
  }

  /** Each app's entities, made again only when its configuration changes (samlify parses and logs on each construction). */
  private readonly made = new Map<string, { key: string; entities: ReturnType<SamlServer['make']> }>();

  private entities(samlify: Samlify, appId: string, config: SamlConfig, keys: { privateKey: string; certificate: string }) {
    const key = JSON.stringify([config, this.state.issuer]);
    const cached = this.made.get(appId);
    if (cached?.key === key) return cached.entities;
    const entities = this.make(samlify, appId, config, keys);
    this.made.set(appId, { key, entities });
    return entities;
  }

  private make(samlify: Samlify, appId: string, config: SamlConfig, keys: { privateKey: string; certificate: string }) {
    const sso = `${this.state.issuer}${SAML_PREFIX}${appId}`;
    const idp = samlify.IdentityProvider({
      entityID: `${sso}/metadata`,
      privateKey: keys.privateKey,
      signingCert: keys.certificate,
      nameIDFormat: [NAME_ID_FORMATS[config.nameIdFormat ?? 'email']],
      singleSignOnService: [
        { Binding: BINDING.redirect, Location: sso },
        { Binding: BINDING.post, Location: sso },
      ],
      wantAuthnRequestsSigned: false,
      loginResponseTemplate: {
        context: samlify.SamlLib.defaultLoginResponseTemplate.context,
        attributes: ATTRIBUTES.map((a) => ({ ...a, nameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic', valueXsiType: 'xs:string' })),
      },
    });
    const sp = samlify.ServiceProvider({ entityID: config.audience, assertionConsumerService: [{ Binding: BINDING.post, Location: config.acs }], wantAssertionsSigned: true, authnRequestsSigned: false });
    return { idp, sp };
  }

  /** Answers a `/api/v2/saml-idp/...` request; null for a path that is not SAML's. */
  async handle(request: Request, url: URL): Promise<Response | null> {
    const path = url.pathname;
    if (path === CSS) return new Response(LOGIN_CSS, { headers: { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' } });
    if (path === AUTOPOST) {
      return new Response("document.getElementById('saml-response').submit();\n", { headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=3600' } });
    }
    const m = /^\/api\/v2\/saml-idp\/([^/]+)(?:\/(metadata|login|mfa))?$/.exec(path);
    if (!m) return null;
    const [, rawAppId = '', step] = m;
    const lang = this.login.langOf(request);
    const app = await this.state.store.db.selectFrom('applications').select(['id', 'userpool_id', 'name', 'saml_config']).where('id', '=', decodeURIComponent(rawAppId)).executeTakeFirst();
    const config = app ? parseSamlConfig(app.saml_config) : null;
    if (!app || !config) return this.login.error(lang, 404, 'no SAML application with this id');
    const samlify = await loadSamlify();
    this.creds ??= credentials(this.state.store.db);
    const { idp, sp } = this.entities(samlify, app.id, config, await this.creds);
    if (step === 'metadata') {
      if (request.method !== 'GET') return new Response('Method Not Allowed', { status: 405, headers: { allow: 'GET' } });
      return new Response(idp.getMetadata(), { headers: { 'content-type': 'application/samlmetadata+xml; charset=utf-8' } });
    }
    const service: ServiceContext = { store: this.state.store, poolId: app.userpool_id };
    let fields: Record<string, string>;
    let form: URLSearchParams | undefined;
    if (request.method === 'GET' && !step) {
      fields = { binding: 'redirect', SAMLRequest: url.searchParams.get('SAMLRequest') ?? '', RelayState: url.searchParams.get('RelayState') ?? '' };
    } else if (request.method === 'POST') {
      form = new URLSearchParams(await request.text());
      fields = step
        ? { binding: form.get('binding') === 'redirect' ? 'redirect' : 'post', SAMLRequest: form.get('SAMLRequest') ?? '', RelayState: form.get('RelayState') ?? '' }
        : { binding: 'post', SAMLRequest: form.get('SAMLRequest') ?? '', RelayState: form.get('RelayState') ?? '' };
    } else {
      return new Response('Method Not Allowed', { status: 405, headers: { allow: 'GET, POST' } });
    }
    // The request is read (and checked) before any sign-in: a request for another SP or ACS gets nothing.
    // IdP-initiated (no request): an unsolicited response, without InResponseTo.
    let requestInfo: Parameters<typeof idp.createLoginResponse>[1] = {} as Parameters<typeof idp.createLoginResponse>[1];
    if (fields.SAMLRequest) {
      try {
        const parsed = await idp.parseLoginRequest(sp, fields.binding as 'redirect' | 'post', fields.binding === 'redirect' ? { query: { SAMLRequest: fields.SAMLRequest, RelayState: fields.RelayState } } : { body: { SAMLRequest: fields.SAMLRequest, RelayState: fields.RelayState } });
        const extract = parsed.extract as { issuer?: string; request?: { id?: string; assertionConsumerServiceUrl?: string; assertionConsumerServiceURL?: string } };
        const acs = extract.request?.assertionConsumerServiceUrl ?? extract.request?.assertionConsumerServiceURL;
        if (extract.issuer !== config.audience) return this.login.error(lang, 400, 'the SAML request is from another service provider');
        if (acs && acs !== config.acs) return this.login.error(lang, 400, 'the SAML request asks for an assertion consumer service the app did not register');
        requestInfo = { extract: parsed.extract } as Parameters<typeof idp.createLoginResponse>[1];
      } catch {
        return this.login.error(lang, 400, 'the SAML request could not be read');
      }
    }
    const attempt: SsoAttempt = {
      request,
      app,
      service,
      lang,
      action: `${SAML_PREFIX}${app.id}`,
      hidden: fields,
      signedIn: async (user, cookies) => {
        const row = await this.state.store.db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
        const wire = toWireUser(row);
        const nameId = config.nameIdFormat === 'persistent' ? row.id : (config.nameIdFormat ?? 'email') === 'email' ? (row.email ?? row.username ?? row.id) : (row.username ?? row.email ?? row.id);
        const attributes: AttributeValues = { sub: row.id, username: row.username ?? '', email: row.email ?? '', phoneNumber: row.phone ?? '', name: wire.name ?? '', nickname: wire.nickname ?? '' };
        const inResponseTo = (requestInfo as { extract?: { request?: { id?: string } } }).extract?.request?.id;
        const options = { relayState: fields.RelayState || undefined, customTagReplacement: responseTemplate(samlify, config, idp.entityMeta.getEntityID(), nameId, attributes, inResponseTo) };
        const answer = (await idp.createLoginResponse(sp, requestInfo, 'post', { email: nameId }, options)) as { context: string; entityEndpoint: string; relayState?: string };
        const relay = fields.RelayState ? `<input type="hidden" name="RelayState" value="${escapeHtml(fields.RelayState)}">` : '';
        const body = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${t(lang, 'continue')}</title><link rel="stylesheet" href="${CSS}"></head><body><main class="card"><form method="post" action="${escapeHtml(answer.entityEndpoint)}" id="saml-response"><input type="hidden" name="SAMLResponse" value="${escapeHtml(answer.context)}">${relay}<button type="submit">${t(lang, 'continue')}</button></form></main><script src="${AUTOPOST}"></script></body></html>`;
        const headers: Record<string, string> = { 'content-security-policy': RESPONSE_CSP };
        const response = htmlPage(200, body, headers);
        for (const c of cookies) response.headers.append('set-cookie', c);
        return response;
      },
    };
    if (step === 'login' || step === 'mfa') return this.login.post(attempt, step, form!);
    return this.login.start(attempt);
  }
}
