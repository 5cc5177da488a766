/**
 * The ACL grammar: resource codes `K:id` / `K:*` / `K` / `*` and action strings.
 * Not the OAuth scope grammar (there `book:read` is kind+action); never share a parser with it.
 * Every split happens at the FIRST colon, so `K:a:b` is instance `a:b` of kind `K`.
 */

/** The kind of a resource or action string: the part before the first colon, or the whole string. */
export function kindOf(s: string): string {
  const colon = s.indexOf(':');
  return colon < 0 ? s : s.slice(0, colon);
}

/** `K` when `s` is exactly `K:*` with a colon-free `K`, else null. */
export function kindWildcardOf(s: string): string | null {
  const colon = s.indexOf(':');
  return colon >= 0 && colon === s.length - 2 && s.endsWith('*') ? s.slice(0, colon) : null;
}

/** The kind a grant covers wholesale (`K` or `K:*`), or null for `*` and instance grants. */
function grantedKind(grant: string): string | null {
  if (grant === '*') return null;
  return grant.includes(':') ? kindWildcardOf(grant) : grant;
}

/**
 * Does a grant on `grant` answer a request for `request`? A kind grant (`K`, `K:*`) covers the kind
 * request (`K`, `K:*`) and every instance `K:x`; an instance grant `K:1` answers only `K:1`, never
 * the kind; `*` covers everything.
 */
export function resourceMatches(grant: string, request: string): boolean {
  if (grant === '*' || grant === request) return true;
  const kind = grantedKind(grant);
  return kind !== null && kindOf(request) === kind;
}

/**
 * Do granted actions cover `action`? `null` (granted without actions: MENU/BUTTON) covers every
 * action; otherwise the exact string, `*`, or `K:*` when the action is `K:x`.
 */
export function actionMatches(grantActions: readonly string[] | null, action: string): boolean {
  if (grantActions === null) return true;
  const kindWildcard = action.includes(':') ? `${kindOf(action)}:*` : null;
  return grantActions.some((a) => a === action || a === '*' || a === kindWildcard);
}

/**
 * Does revoking `revokedResource` delete a grant on `grantResource`? Revoking the kind `K` (no colon,
 * not `*`) removes `K`, `K:*` and every `K:x`; anything else removes exactly that string, so revoking
 * `K:1` never carves out of a `K` grant. Deleting a defined resource `K` follows the same rule.
 */
export function revokeCovers(revokedResource: string, grantResource: string): boolean {
  if (revokedResource === grantResource) return true;
  if (revokedResource === '*' || revokedResource.includes(':')) return false;
  return grantResource.startsWith(`${revokedResource}:`);
}

/** `allow()` accepts `type:id` (non-empty both sides of the first colon) or exactly `*`. */
export function isValidAllowResource(r: string): boolean {
  if (r === '*') return true;
  const colon = r.indexOf(':');
  return colon > 0 && colon < r.length - 1;
}
