import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { ServerState } from '../context.js';
import { AuthingServerError, type Lang } from '../errors.js';
import { loginByCodeSession } from '../services/authentication.js';
import type { ServiceContext } from '../services/context.js';
import { describeMessage } from '../services/outbox.js';
import { sendEmailCode, sendSmsCode } from '../services/send-codes.js';
import { poolOfClient } from './clients.js';
import { passwordStep, secondFactorChallenge, totpStep } from '../hosted/sign-in-steps.js';
import { cookieIn, sameToken } from '../hosted/sso-login.js';
import { consentPage, loginPage, messagePage, mfaPage, PAGE_HEADERS, pageLang, t } from '../hosted/views.js';

/** Most a login form may carry. */
const MAX_FORM_BYTES = 16 * 1024;

const CSRF_COOKIE = 'authing_csrf';

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

function readForm(req: IncomingMessage): Promise<URLSearchParams | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_FORM_BYTES) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_FORM_BYTES ? null : new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

const cookie = (req: IncomingMessage, name: string) => cookieIn(req.headers.cookie, name);

function html(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...PAGE_HEADERS, ...headers });
  res.end(body);
}

/**
 * The hosted login page of the protocol provider, under `{prefix}/interaction/{uid}`: what
 * oidc-provider sends the browser to when an authorization request needs a login or a consent.
 * Sign-in by username / email / phone and password, or by a code sent through the outbox; the MFA
 * step when the user or the pool asks for it; the consent page when the app does not skip it. The
 * same services as the API's logins run underneath (lockout, blocked users, the app's access
 * policy), and their errors are shown in the page's language. Every form carries a CSRF token that
 * must match the interaction's cookie (double submit; the interaction itself is bound to the
 * browser by oidc-provider's own cookie).
 */
export class HostedLogin {
  constructor(
    private readonly provider: Provider,
    private readonly state: ServerState,
    private readonly prefix: string,
  ) {}

  get cssHref(): string {
    return `${this.prefix}/assets/login.css`;
  }

  /** Handles `{prefix}/interaction/...`; false when the path is not one of its own. */
  async handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    const m = /^\/interaction\/([\w-]+)(?:\/(login|send-code|code|mfa|confirm|abort))?$/.exec(path);
    if (!m) return false;
    const [, uid, step] = m;
    let details: Interaction;
    try {
      details = await this.provider.interactionDetails(req, res);
    } catch {
      html(res, 400, messagePage(this.langOf(req, undefined), this.cssHref, t(this.langOf(req, undefined), 'errorTitle'), 'interaction session not found'));
      return true;
    }
    if (details.uid !== uid) {
      html(res, 400, messagePage(this.langOf(req, details), this.cssHref, t(this.langOf(req, details), 'errorTitle'), 'interaction mismatch'));
      return true;
    }
    if (!step) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return this.methodNotAllowed(res);
      await this.show(req, res, details);
      return true;
    }
    if (req.method !== 'POST') return this.methodNotAllowed(res);
    const form = await readForm(req);
    const lang = this.langOf(req, details);
    if (!form || !sameToken(form.get('csrf'), cookie(req, CSRF_COOKIE))) {
      html(res, 403, messagePage(lang, this.cssHref, t(lang, 'errorTitle'), t(lang, 'csrf')));
      return true;
    }
    switch (step) {
      case 'login':
        await this.passwordLogin(req, res, details, form);
        break;
      case 'send-code':
        await this.sendCode(req, res, details, form);
        break;
      case 'code':
        await this.codeLogin(req, res, details, form);
        break;
      case 'mfa':
        await this.mfaStep(req, res, details, form);
        break;
      case 'confirm':
        await this.confirm(req, res, details);
        break;
      case 'abort':
        await this.provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'End-User aborted interaction' }, { mergeWithLastSubmission: false });
        break;
    }
    return true;
  }

  private methodNotAllowed(res: ServerResponse): true {
    res.writeHead(405, { allow: 'GET, POST', 'content-type': 'text/plain; charset=utf-8' });
    res.end('Method Not Allowed');
    return true;
  }

  private langOf(req: IncomingMessage, details: Interaction | undefined): Lang {
    return pageLang(details?.params.ui_locales, req.headers['accept-language']);
  }

  private action(details: Interaction): string {
    return `${this.prefix}/interaction/${details.uid}`;
  }

  private async clientOf(details: Interaction) {
    const client = await this.provider.Client.find(String(details.params.client_id));
    if (!client) throw new Error('client gone');
    const poolId = poolOfClient(client);
    if (!poolId) throw new Error('client has no pool');
    const app = await this.state.store.db.selectFrom('applications').select('name').where('id', '=', client.clientId).executeTakeFirst();
    return { client, service: { store: this.state.store, poolId } satisfies ServiceContext, appName: app?.name ?? client.clientId };
  }

  /** A page with a fresh CSRF token set in the cookie (scoped to this interaction's path). */
  private render(res: ServerResponse, details: Interaction, status: number, body: (csrf: string) => string): void {
    const csrf = randomBytes(24).toString('base64url');
    const cookieHeader = `${CSRF_COOKIE}=${csrf}; Path=${this.action(details)}; HttpOnly; SameSite=Lax`;
    html(res, status, body(csrf), { 'set-cookie': cookieHeader });
  }

  private async show(req: IncomingMessage, res: ServerResponse, details: Interaction, error?: string): Promise<void> {
    const lang = this.langOf(req, details);
    const { client, appName } = await this.clientOf(details);
    if (details.prompt.name === 'login') {
      this.render(res, details, error ? 400 : 200, (csrf) => loginPage({ lang, action: this.action(details), cssHref: this.cssHref, csrf, appName, error }));
      return;
    }
    // consent: an app that skips it is granted what it asked for at once.
    if (client.metadata().skip_consent === true) {
      await this.confirm(req, res, details);
      return;
    }
    const scopes = String(details.params.scope ?? 'openid').split(' ').filter(Boolean);
    this.render(res, details, 200, (csrf) => consentPage({ lang, action: this.action(details), cssHref: this.cssHref, csrf, appName, scopes }));
  }

  private async passwordLogin(req: IncomingMessage, res: ServerResponse, details: Interaction, form: URLSearchParams): Promise<void> {
    const lang = this.langOf(req, details);
    const { client, service, appName } = await this.clientOf(details);
    const account = (form.get('account') ?? '').trim();
    const password = form.get('password') ?? '';
    const again = (error: string) =>
      this.render(res, details, 400, (next) => loginPage({ lang, action: this.action(details), cssHref: this.cssHref, csrf: next, appName, account, error }));
    if (!account || !password) return again(t(lang, 'required'));
    try {
      const userId = await passwordStep(service, client.clientId, account, password, req.socket.remoteAddress ?? null);
      await this.afterFirstFactor(req, res, details, service, userId, client.clientId, ['pwd']);
    } catch (error) {
      if (!(error instanceof AuthingServerError)) throw error;
      again(error.messageFor(lang));
    }
  }

  private async sendCode(req: IncomingMessage, res: ServerResponse, details: Interaction, form: URLSearchParams): Promise<void> {
    const lang = this.langOf(req, details);
    const { service, appName } = await this.clientOf(details);
    const recipient = (form.get('recipient') ?? '').trim();
    try {
      const message = recipient.includes('@') ? await sendEmailCode(service, recipient, 'VERIFY_CODE') : await sendSmsCode(service, recipient);
      this.state.info(describeMessage(message));
      this.render(res, details, 200, (csrf) => loginPage({ lang, action: this.action(details), cssHref: this.cssHref, csrf, appName, codeRecipient: recipient }));
    } catch (error) {
      if (!(error instanceof AuthingServerError)) throw error;
      this.render(res, details, 400, (csrf) => loginPage({ lang, action: this.action(details), cssHref: this.cssHref, csrf, appName, error: error.messageFor(lang) }));
    }
  }

  private async codeLogin(req: IncomingMessage, res: ServerResponse, details: Interaction, form: URLSearchParams): Promise<void> {
    const lang = this.langOf(req, details);
    const { client, service, appName } = await this.clientOf(details);
    const recipient = (form.get('recipient') ?? '').trim();
    const code = (form.get('code') ?? '').trim();
    try {
      const session = await loginByCodeSession(service, recipient.includes('@') ? 'email' : 'sms', recipient, code, { appId: client.clientId, clientIp: req.socket.remoteAddress ?? null });
      await this.afterFirstFactor(req, res, details, service, session.user.id, client.clientId, [recipient.includes('@') ? 'email' : 'sms']);
    } catch (error) {
      if (!(error instanceof AuthingServerError)) throw error;
      this.render(res, details, 400, (csrf) => loginPage({ lang, action: this.action(details), cssHref: this.cssHref, csrf, appName, codeRecipient: recipient, error: error.messageFor(lang) }));
    }
  }

  /** The login is done unless the user or the pool asks for a second factor: then the MFA page. */
  private async afterFirstFactor(req: IncomingMessage, res: ServerResponse, details: Interaction, service: ServiceContext, userId: string, appId: string, amr: string[]): Promise<void> {
    const challenge = await secondFactorChallenge(service, appId, userId);
    if (!challenge) {
      await this.provider.interactionFinished(req, res, { login: { accountId: userId, amr } }, { mergeWithLastSubmission: false });
      return;
    }
    const lang = this.langOf(req, details);
    this.render(res, details, 200, (csrf) => mfaPage({ lang, action: this.action(details), cssHref: this.cssHref, csrf, challenge }));
  }

  private async mfaStep(req: IncomingMessage, res: ServerResponse, details: Interaction, form: URLSearchParams): Promise<void> {
    const lang = this.langOf(req, details);
    const { client, service } = await this.clientOf(details);
    const jti = form.get('challenge') ?? '';
    try {
      const userId = await totpStep(service, client.clientId, jti, form.get('totp'));
      if (!userId) {
        html(res, 403, messagePage(lang, this.cssHref, t(lang, 'errorTitle'), t(lang, 'csrf')));
        return;
      }
      await this.provider.interactionFinished(req, res, { login: { accountId: userId, amr: ['pwd', 'otp'] } }, { mergeWithLastSubmission: false });
    } catch (error) {
      if (!(error instanceof AuthingServerError)) throw error;
      this.render(res, details, 400, (csrf) => mfaPage({ lang, action: this.action(details), cssHref: this.cssHref, csrf, challenge: jti, error: error.messageFor(lang) }));
    }
  }

  /** Grants what the consent prompt says is missing, and resumes the authorization. */
  private async confirm(req: IncomingMessage, res: ServerResponse, details: Interaction): Promise<void> {
    const { prompt, params, session, grantId } = details;
    const accountId = session?.accountId;
    if (prompt.name !== 'consent' || !accountId) {
      await this.show(req, res, details);
      return;
    }
    const grant = (grantId ? await this.provider.Grant.find(grantId) : undefined) ?? new this.provider.Grant({ accountId, clientId: String(params.client_id) });
    const missing = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
    const saved = await grant.save();
    await this.provider.interactionFinished(req, res, { consent: { grantId: saved } }, { mergeWithLastSubmission: true });
  }
}
