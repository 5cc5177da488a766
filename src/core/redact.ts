import type { RequestSummary } from './errors.js';

/** Placeholder for a masked value. */
export const REDACTED = '[REDACTED]';

// Names compared in lower case with `-` and `_` removed, so `access_token`, `accessToken` and
// `x-access-token`-style spellings all match one entry.
const SECRET_NAMES = new Set([
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'secret',
  'password',
  'newpassword',
  'oldpassword',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'clientsecret',
  'code',
  'token',
  'mfatoken',
]);

/**
 * Whether a header, query or field name carries a credential.
 * @param name - the name as sent
 * @returns true for `authorization`, any `x-authing-*secret*`, `password`, `access_token`, `code`, ...
 */
export function isSecretName(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower.startsWith('x-authing-') && lower.includes('secret')) return true;
  return SECRET_NAMES.has(lower.replace(/[-_]/g, ''));
}

function redactHeaderValue(name: string, value: string): string {
  // Keep the scheme ("Bearer", "Basic") so that a log still tells which kind of credential was sent.
  if (name.toLowerCase() === 'authorization') {
    const scheme = /^(\S+)\s/.exec(value)?.[1];
    return scheme ? `${scheme} ${REDACTED}` : REDACTED;
  }
  return REDACTED;
}

/**
 * Masks credential query parameters of a URL; an unparsable URL is returned unchanged.
 * @param url - absolute URL
 * @returns the same URL with secret query values replaced by {@link REDACTED}
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  let changed = false;
  for (const name of new Set(parsed.searchParams.keys())) {
    if (isSecretName(name)) {
      parsed.searchParams.set(name, REDACTED);
      changed = true;
    }
  }
  if (parsed.username || parsed.password) {
    parsed.username = '';
    parsed.password = '';
    changed = true;
  }
  return changed ? parsed.toString() : url;
}

/**
 * Builds the redacted request summary attached to errors. Reads `headers`, never changes it.
 * @param method - HTTP method
 * @param url - absolute URL
 * @param headers - headers as sent
 * @returns a new plain object safe to log
 */
export function summarizeRequest(method: string, url: string, headers: Headers): RequestSummary {
  const copy: Record<string, string> = {};
  headers.forEach((value, name) => {
    copy[name] = isSecretName(name) ? redactHeaderValue(name, value) : value;
  });
  return { method, url: redactUrl(url), headers: copy };
}
