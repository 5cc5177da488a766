/**
 * The one error type authing-local throws for domain failures. It carries Authing's business code
 * and the message in both languages; the HTTP layers pick the language from `x-authing-lang`.
 */
export type Lang = 'zh-CN' | 'en-US';

export class AuthingServerError extends Error {
  override name = 'AuthingServerError' as const;

  constructor(
    readonly code: number,
    readonly zh: string,
    readonly en: string,
    readonly data?: unknown,
    /** HTTP status for REST answers; domain errors answer 200 with the business code, as Authing does. */
    readonly httpStatus = 200,
  ) {
    super(en);
  }

  messageFor(lang: Lang): string {
    return lang === 'en-US' ? this.en : this.zh;
  }
}

/** Shorthand for the errors every area shares. Area-specific errors are built where they are thrown. */
export const Errors = {
  invalidInput: (en: string, zh = en) => new AuthingServerError(400, zh, en, undefined, 400),
  notLoggedIn: () => new AuthingServerError(2020, '尚未登录，无访问权限', 'Not logged in or the token is invalid', undefined, 401),
  forbidden: (en = 'Access denied', zh = '无访问权限') => new AuthingServerError(403, zh, en, undefined, 403),
  userNotFound: () => new AuthingServerError(2004, '用户不存在', 'User does not exist'),
  internal: () => new AuthingServerError(500, '服务器内部错误', 'Internal server error', undefined, 500),
} as const;
