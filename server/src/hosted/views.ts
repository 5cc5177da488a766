import type { Lang } from '../errors.js';

/**
 * The hosted login page's HTML. Every value is escaped; the pages carry no script and no inline
 * style (the stylesheet is {@link LOGIN_CSS}, served from the provider's own path), so they render
 * under the strict Content-Security-Policy {@link PAGE_CSP}. Each form carries the CSRF token.
 */

export const PAGE_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'";

/** The headers of every hosted page: HTML under {@link PAGE_CSP}, never cached, never framed. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': PAGE_CSP,
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const TEXT = {
  'zh-CN': {
    title: '登录',
    signInTo: '登录到',
    account: '用户名 / 邮箱 / 手机号',
    password: '密码',
    signIn: '登录',
    orCode: '或使用验证码登录',
    recipient: '手机号或邮箱',
    sendCode: '发送验证码',
    code: '验证码',
    codeSent: '验证码已发送至',
    mfaTitle: '多因素认证',
    mfaHint: '请输入身份验证器应用中的 6 位动态口令',
    totp: '动态口令',
    verify: '验证',
    consentTitle: '授权',
    consentAsk: '请求访问你的以下信息：',
    allow: '授权',
    deny: '拒绝',
    errorTitle: '出错了',
    logoutTitle: '退出登录',
    logoutAsk: '确定要退出登录吗？',
    logoutYes: '退出',
    loggedOut: '你已退出登录。',
    signedIn: '已登录',
    continue: '继续',
    csrf: '页面已过期，请重试',
    required: '请填写所有字段',
  },
  'en-US': {
    title: 'Sign in',
    signInTo: 'Sign in to',
    account: 'Username, email or phone',
    password: 'Password',
    signIn: 'Sign in',
    orCode: 'Or sign in with a code',
    recipient: 'Phone or email',
    sendCode: 'Send code',
    code: 'Verification code',
    codeSent: 'A code was sent to',
    mfaTitle: 'Multi-factor authentication',
    mfaHint: 'Enter the 6-digit code from your authenticator app',
    totp: 'Code',
    verify: 'Verify',
    consentTitle: 'Authorize',
    consentAsk: 'asks to access:',
    allow: 'Allow',
    deny: 'Deny',
    errorTitle: 'Something went wrong',
    logoutTitle: 'Sign out',
    logoutAsk: 'Do you want to sign out?',
    logoutYes: 'Sign out',
    loggedOut: 'You are signed out.',
    signedIn: 'You are signed in.',
    continue: 'Continue',
    csrf: 'The page expired; try again',
    required: 'Fill in every field',
  },
} as const satisfies Record<Lang, Record<string, string>>;

export type TextKey = keyof (typeof TEXT)['en-US'];

export function t(lang: Lang, key: TextKey): string {
  return TEXT[lang][key];
}

/** The page language: the first of `ui_locales`, else `Accept-Language`; Chinese unless English is asked for. */
export function pageLang(uiLocales: unknown, acceptLanguage: string | undefined): Lang {
  const first = (typeof uiLocales === 'string' && uiLocales.trim() ? uiLocales : (acceptLanguage ?? '')).trim().toLowerCase();
  return first.startsWith('en') ? 'en-US' : 'zh-CN';
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

interface Frame {
  lang: Lang;
  title: string;
  cssHref: string;
  body: string;
}

function page({ lang, title, cssHref, body }: Frame): string {
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><link rel="stylesheet" href="${escapeHtml(cssHref)}"></head>
<body><main class="card">${body}</main></body>
</html>`;
}

const errorBox = (error: string | undefined) => (error ? `<p class="error" role="alert" id="error">${escapeHtml(error)}</p>` : '');
const notice = (text: string | undefined) => (text ? `<p class="notice" id="notice">${escapeHtml(text)}</p>` : '');
const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;

export interface LoginView {
  lang: Lang;
  action: string;
  cssHref: string;
  csrf: string;
  appName: string;
  account?: string;
  error?: string;
  /** After a code was sent: the recipient, so the page asks for the code. */
  codeRecipient?: string;
  /** Whether the page offers the code login (default true). */
  codeLogin?: boolean;
  /** More hidden fields of every form (e.g. the CAS `service`). */
  hidden?: Record<string, string>;
}

const hiddenFields = (fields: Record<string, string> | undefined) =>
  Object.entries(fields ?? {})
    .map(([k, v]) => hidden(k, v))
    .join('');

export function loginPage(v: LoginView): string {
  const extra = hiddenFields(v.hidden);
  const codeForm = v.codeLogin === false
    ? ''
    : v.codeRecipient
      ? `<form method="post" action="${escapeHtml(v.action)}/code" id="code-form">${hidden('csrf', v.csrf)}${extra}${hidden('recipient', v.codeRecipient)}
<p class="notice" id="notice">${escapeHtml(t(v.lang, 'codeSent'))} ${escapeHtml(v.codeRecipient)}</p>
<label>${t(v.lang, 'code')}<input name="code" autocomplete="one-time-code" inputmode="numeric" required></label>
<button type="submit">${t(v.lang, 'signIn')}</button></form>`
      : `<form method="post" action="${escapeHtml(v.action)}/send-code" id="send-code-form">${hidden('csrf', v.csrf)}${extra}
<label>${t(v.lang, 'recipient')}<input name="recipient" autocomplete="username" required></label>
<button type="submit" class="secondary">${t(v.lang, 'sendCode')}</button></form>`;
  return page({
    lang: v.lang,
    title: t(v.lang, 'title'),
    cssHref: v.cssHref,
    body: `<h1>${t(v.lang, 'signInTo')} ${escapeHtml(v.appName)}</h1>${errorBox(v.error)}
<form method="post" action="${escapeHtml(v.action)}/login" id="login-form">${hidden('csrf', v.csrf)}${extra}
<label>${t(v.lang, 'account')}<input name="account" autocomplete="username" value="${escapeHtml(v.account ?? '')}" required></label>
<label>${t(v.lang, 'password')}<input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">${t(v.lang, 'signIn')}</button></form>
${codeForm ? `<h2>${t(v.lang, 'orCode')}</h2>${codeForm}` : ''}`,
  });
}

export interface MfaView {
  lang: Lang;
  action: string;
  cssHref: string;
  csrf: string;
  challenge: string;
  error?: string;
  hidden?: Record<string, string>;
}

export function mfaPage(v: MfaView): string {
  return page({
    lang: v.lang,
    title: t(v.lang, 'mfaTitle'),
    cssHref: v.cssHref,
    body: `<h1>${t(v.lang, 'mfaTitle')}</h1>${errorBox(v.error)}<p>${t(v.lang, 'mfaHint')}</p>
<form method="post" action="${escapeHtml(v.action)}/mfa" id="mfa-form">${hidden('csrf', v.csrf)}${hiddenFields(v.hidden)}${hidden('challenge', v.challenge)}
<label>${t(v.lang, 'totp')}<input name="totp" autocomplete="one-time-code" inputmode="numeric" required></label>
<button type="submit">${t(v.lang, 'verify')}</button></form>`,
  });
}

export interface ConsentView {
  lang: Lang;
  action: string;
  cssHref: string;
  csrf: string;
  appName: string;
  scopes: string[];
}

export function consentPage(v: ConsentView): string {
  const items = v.scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join('');
  return page({
    lang: v.lang,
    title: t(v.lang, 'consentTitle'),
    cssHref: v.cssHref,
    body: `<h1>${t(v.lang, 'consentTitle')}</h1><p><strong>${escapeHtml(v.appName)}</strong> ${t(v.lang, 'consentAsk')}</p><ul id="scopes">${items}</ul>
<form method="post" action="${escapeHtml(v.action)}/confirm" id="consent-form">${hidden('csrf', v.csrf)}<button type="submit">${t(v.lang, 'allow')}</button></form>
<form method="post" action="${escapeHtml(v.action)}/abort" id="abort-form">${hidden('csrf', v.csrf)}<button type="submit" class="secondary">${t(v.lang, 'deny')}</button></form>`,
  });
}

export function messagePage(lang: Lang, cssHref: string, title: string, text: string, extra = ''): string {
  return page({ lang, title, cssHref, body: `<h1>${escapeHtml(title)}</h1>${notice(text)}${extra}` });
}

/** The stylesheet of every page (served, not inlined, for the CSP). */
export const LOGIN_CSS = `*{box-sizing:border-box}body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:#f4f6fb;font:15px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#1d2129}
.card{width:100%;max-width:380px;background:#fff;border-radius:12px;box-shadow:0 8px 24px rgba(0,0,0,.08);padding:32px}
h1{font-size:20px;margin:0 0 20px}h2{font-size:14px;font-weight:500;color:#86909c;margin:24px 0 12px}
label{display:block;margin:0 0 14px;font-size:13px;color:#4e5969}
input{display:block;width:100%;margin-top:6px;padding:9px 12px;border:1px solid #c9cdd4;border-radius:6px;font:inherit}
input:focus{outline:2px solid #215ae5;border-color:#215ae5}
button{width:100%;padding:10px;border:0;border-radius:6px;background:#215ae5;color:#fff;font:inherit;cursor:pointer;margin-top:4px}
button.secondary{background:#e8f0ff;color:#215ae5}
form+form{margin-top:10px}.error{background:#ffece8;color:#cb2634;padding:8px 12px;border-radius:6px}.notice{background:#e8ffea;color:#00a04a;padding:8px 12px;border-radius:6px}
`;
