/**
 * The raw material of the hostile suite: the seeded randomness (`Rand`, over fast-check's
 * `fc.gen()`), strings and numbers that have broken servers, values of the wrong type, and the
 * headers a request carries.
 */
import fc from 'fast-check';

/** Ids and codes that exist on the server, so generated requests reach past "not found". */
export interface Known {
  poolId: string;
  appId: string;
  userId: string;
  managementToken: string;
  userToken: string;
  strings: string[];
  /** Values that exist, by the argument or parameter name they fill (`userId`, `code`, `namespace`, …). */
  byName: Record<string, string[]>;
}

export interface HostileRequest {
  /** What was attacked and how, for the report: `graphql deep users`, `rest body createResource`. */
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Refused whatever the server holds (syntax, validation, limits, transport): must change nothing. */
  malformed: boolean;
  graphql: boolean;
}

/** Strings that have broken servers: injections, traversal, prototype keys, odd Unicode, odd numbers. */
export const HOSTILE_STRINGS: readonly string[] = [
  "' OR '1'='1",
  "' OR 1=1 --",
  '"; DROP TABLE users; --',
  "1; SELECT * FROM sqlite_master",
  "' UNION SELECT secret, jwt_secret FROM userpools --",
  "%' AND 1=1 AND '%'='",
  "\\' OR \\'1\\'=\\'1",
  '{"$gt": ""}',
  '{"$ne": null}',
  '{"$where": "sleep(1000)"}',
  '[$ne]=1',
  '{{7*7}}',
  '${7*7}',
  '<%= 7*7 %>',
  '#{7*7}',
  '{{constructor.constructor("return process")()}}',
  '../../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2f',
  'file:///etc/passwd',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '__defineGetter__',
  'valueOf',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'a\r\nSet-Cookie: x=1',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF\uD800',
  '\u202Eevil',
  '\u200B',
  '🙂'.repeat(50),
  'İstanbul ß ǅ',
  '',
  ' ',
  '-1',
  '0',
  '1e309',
  'NaN',
  'Infinity',
  '0x7fffffff',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '*',
  '*:*',
  'books:*',
  ':',
  'a:b:c',
  '%',
  '\\',
  '//',
  'USER:x',
  'ROLE:*',
];

export const HOSTILE_NUMBERS: readonly number[] = [0, -1, 1, 2, 10, 200, 201, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, 2 ** 53 + 1, 1e308, -1e308, 1.5, -0.0001, 99999999999];

export const PROTO_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype', '__defineSetter__', 'toString'];

export const BAD_ESCAPES: readonly string[] = ['%', '%E0%A4%A', '%ZZ', '%C0%AF', '%FF%FE', '%ED%A0%80', '%00', '%2e%2e%2f%2e%2e%2f', '..%2F..%2F', '%u0041', '%%32%65'];

export const BAD_METHODS: readonly string[] = ['TRACE', 'PROPFIND', 'MKCOL', 'LOCK', 'FOO', 'M-SEARCH', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'DELETE', 'GET', 'POST'];

export const CONTENT_TYPES: readonly string[] = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/graphql', 'application/xml', 'application/json; charset=latin1', '*/*', 'application/jsonp', ''];

/** The imperative face of one `fc.gen()` value. */
export class Rand {
  /**
   * A strict request is well formed for the schema (types, required arguments, known fields) and
   * hostile only in its values, so it reaches the services; the others also break the schema.
   */
  strict = false;
  constructor(private readonly g: fc.GeneratorValue) {}
  /** A chance of breaking the schema, taken only by requests that are not strict. */
  slip(p: number): boolean {
    return !this.strict && this.chance(p);
  }
  int(min: number, max: number): number {
    return this.g(fc.integer, { min, max });
  }
  chance(p: number): boolean {
    return this.int(0, 9999) < p * 10_000;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(0, xs.length - 1)] as T;
  }
  /** One of the branches, by weight. */
  oneOf<T>(...branches: Array<[number, () => T]>): T {
    const total = branches.reduce((n, [w]) => n + w, 0);
    let at = this.int(0, total - 1);
    for (const [w, f] of branches) {
      if (at < w) return f();
      at -= w;
    }
    return (branches[0] as [number, () => T])[1]();
  }
  text(maxLength = 40): string {
    return this.oneOf(
      [3, () => this.g(fc.string, { maxLength })],
      [2, () => this.g(fc.string, { unit: 'binary', maxLength })],
      [1, () => this.g(fc.string, { unit: 'grapheme', maxLength })],
    );
  }
}

/** A hostile string: an attack, a known id or code, random text, or a huge one. */
export function hostileString(r: Rand, known: Known, name?: string): string {
  const existing = name ? known.byName[name.replace(/s$/, '')] ?? known.byName[name] : undefined;
  if (existing?.length && r.chance(r.strict ? 0.6 : 0.2)) return r.pick(existing);
  return r.oneOf(
    [5, () => r.pick(HOSTILE_STRINGS)],
    [4, () => r.pick(known.strings)],
    [3, () => r.text()],
    [1, () => r.pick(known.strings) + r.pick(HOSTILE_STRINGS)],
    [1, () => 'a'.repeat(r.pick(r.strict ? [256, 4096, 20_000] : [256, 4096, 65_536, 300_000]))],
  );
}

/** A JSON value of any type: what a field of another type receives. */
export function wrongValue(r: Rand, known: Known, depth = 0): unknown {
  return r.oneOf<unknown>(
    [2, () => null],
    [2, () => r.chance(0.5)],
    [3, () => r.pick(HOSTILE_NUMBERS)],
    [3, () => hostileString(r, known)],
    [1, () => (depth < 2 ? [wrongValue(r, known, depth + 1), wrongValue(r, known, depth + 1)] : [])],
    [1, () => (depth < 2 ? { [r.pick(PROTO_KEYS)]: wrongValue(r, known, depth + 1), x: 1 } : {})],
    [1, () => nestedArrays(r.int(50, 800))],
  );
}

/** `[[[…1…]]]`, kept shallow enough for JSON.stringify here (deeper ones are written as text). */
export function nestedArrays(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

/** An integer for an argument or parameter: a page or page size that is mostly valid, else any. */
export function integer(r: Rand, name: string | undefined): number {
  if (r.strict && name === 'page') return r.int(1, 3);
  if (r.strict && name === 'limit') return r.pick([1, 2, 10, 50, 200]);
  return r.chance(0.8) ? r.pick(HOSTILE_NUMBERS.filter((n) => Number.isInteger(n) && Math.abs(n) < 2 ** 31)) : r.pick(HOSTILE_NUMBERS);
}

/** A GraphQL name: the keys of an object that can be written as a literal. */
export const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** The string with each lone surrogate replaced by U+FFFD. */
export function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** A header value node:http will send (it refuses control characters and code points above 0xFF). */
export function headerSafe(s: string): string {
  return s.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?').slice(0, 2000);
}

export function authHeaders(r: Rand, known: Known): Record<string, string> {
  const headers: Record<string, string> = {};
  const token = r.oneOf<string | null>(
    [r.strict ? 14 : 9, () => known.managementToken],
    [5, () => known.userToken],
    [r.strict ? 1 : 3, () => null],
    [r.strict ? 0 : 1, () => known.managementToken.slice(0, -3) + 'abc'],
    [r.strict ? 0 : 1, () => `${r.pick(['', 'x.', 'eyJhbGciOiJub25lIn0.', 'a.b.'])}${headerSafe(r.pick(HOSTILE_STRINGS))}`],
  );
  if (token !== null) headers.authorization = !r.slip(0.05) ? `Bearer ${token}` : headerSafe(r.pick(['Basic YTpi', 'Bearer', 'bearer ' + token, token]));
  headers['x-authing-userpool-id'] = !r.slip(0.1) ? known.poolId : headerSafe(hostileString(r, known));
  if (r.chance(r.strict ? 0.5 : 0.3)) headers['x-authing-app-id'] = !r.slip(0.2) ? known.appId : headerSafe(hostileString(r, known));
  if (r.chance(0.3)) headers['x-authing-lang'] = r.pick(['en-US', 'zh-CN', 'en', 'xx', '']);
  return headers;
}

export const utf8 = (s: string) => Buffer.from(s, 'utf8');

/** A byte that is no UTF-8 anywhere (0xFF), spliced into an otherwise valid JSON body. */
export function withInvalidUtf8(json: string): Buffer {
  const at = Math.max(1, json.indexOf('"') + 1);
  return Buffer.concat([utf8(json.slice(0, at)), Buffer.from([0xff, 0xfe, 0xc0, 0xaf]), utf8(json.slice(at))]);
}
