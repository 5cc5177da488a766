import type { Lang } from './errors.js';

/** Authing answers in the language of `x-authing-lang`; anything but en-US means zh-CN (the default). */
export function langOf(request: Request): Lang {
  const value = request.headers.get('x-authing-lang')?.toLowerCase() ?? '';
  return value.startsWith('en') ? 'en-US' : 'zh-CN';
}
