/**
 * Hostile REST requests on one operation, built from the OpenAPI document: parameters and bodies
 * from their JSON Schemas with hostile values, broken percent escapes and paths, query attacks,
 * bodies that are no JSON, no UTF-8, too deep or too large, wrong content types and methods.
 */
import { MAX_BODY_BYTES } from '../../server/src/http/limits.js';
import { deref, restOperations, type JsonSchema, type RestOperation } from './model.js';
import {
  BAD_ESCAPES,
  BAD_METHODS,
  CONTENT_TYPES,
  HOSTILE_NUMBERS,
  HOSTILE_STRINGS,
  PROTO_KEYS,
  authHeaders,
  hostileString,
  integer,
  utf8,
  wellFormed,
  withInvalidUtf8,
  wrongValue,
  type HostileRequest,
  type Known,
  type Rand,
} from './values.js';

/** A value for a JSON Schema: mostly of the schema, sometimes of another type. */
function jsonValue(r: Rand, known: Known, schemaValue: unknown, depth = 0, name?: string): unknown {
  const s = deref(schemaValue);
  if (r.slip(0.07) || depth > 4) return wrongValue(r, known);
  if (Array.isArray(s.allOf)) return Object.assign({}, ...s.allOf.map((x) => jsonValue(r, known, x, depth)).filter((v) => v && typeof v === 'object' && !Array.isArray(v)));
  if (Array.isArray(s.oneOf) || Array.isArray(s.anyOf)) return jsonValue(r, known, r.pick((s.oneOf ?? s.anyOf) as unknown[]), depth);
  if (Array.isArray(s.enum)) return r.strict || r.chance(0.85) ? r.pick(s.enum) : hostileString(r, known);
  const type = Array.isArray(s.type) ? r.pick(s.type as string[]) : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set((s.required as string[] | undefined) ?? []);
      for (const [k, v] of Object.entries((s.properties as Record<string, unknown> | undefined) ?? {})) {
        if (required.has(k) ? r.strict || r.chance(0.95) : r.chance(0.5)) out[k] = jsonValue(r, known, v, depth + 1, k);
      }
      if (r.slip(0.1)) out[r.pick([...PROTO_KEYS, 'unknownField'])] = wrongValue(r, known);
      return out;
    }
    case 'array':
      return Array.from({ length: r.int(0, 4) }, () => jsonValue(r, known, s.items ?? {}, depth + 1, name));
    case 'integer':
      return integer(r, name);
    case 'number':
      return r.pick(HOSTILE_NUMBERS);
    case 'boolean':
      return r.chance(0.5);
    case 'string':
      return hostileString(r, known, name);
    default:
      return wrongValue(r, known);
  }
}

/** A query-string value for a parameter (as text). */
function queryValue(r: Rand, known: Known, p: { name?: string; schema: JsonSchema }): string {
  const v = jsonValue(r, known, p.schema, 0, p.name);
  return typeof v === 'string' ? v : JSON.stringify(v) ?? '';
}

/** A path parameter as it goes on the wire: encoded, or raw and broken. */
function pathSegment(r: Rand, known: Known, p: { name?: string; schema: JsonSchema }): string {
  return r.oneOf(
    [8, () => encode(queryValue(r, known, p).slice(0, 3000))],
    [r.strict ? 8 : 2, () => encode(r.pick(known.strings))],
    [r.strict ? 0 : 2, () => r.pick(BAD_ESCAPES)],
    [r.strict ? 0 : 1, () => r.pick(['..', '.', '', '%2F', 'a/b', '\u00ff\u00fe', 'é'])],
  );
}

/** encodeURIComponent, with lone surrogates (which it throws on) sent as U+FFFD. */
function encode(s: string): string {
  return encodeURIComponent(wellFormed(s));
}

const targetOf = (template: string, fill: (name: string) => string) => template.replace(/\{([^}]+)\}/g, (_, name: string) => fill(name));

/** One hostile REST request on an operation. */
export function restRequest(r: Rand, known: Known, op: RestOperation): HostileRequest {
  const headers = authHeaders(r, known);
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  let kind = `rest ${op.operationId}`;
  const segments: string[] = [];
  const path = targetOf(op.template, (name) => {
    const p = pathParams.find((x) => x.name === name) ?? { schema: {} };
    const segment = name === 'userPoolId' && r.chance(0.7) ? known.poolId : pathSegment(r, known, p);
    segments.push(segment);
    return segment;
  });
  const query = new URLSearchParams();
  for (const p of queryParams) if (r.chance(p.required ? 0.95 : 0.5)) query.append(p.name, queryValue(r, known, p).slice(0, 3000));
  let search = query.toString();
  if (r.slip(0.15)) {
    kind += ' query-attack';
    search += `&${r.oneOf(
      [2, () => `${r.pick(queryParams.map((p) => p.name).concat('x'))}=${r.pick(BAD_ESCAPES)}`],
      [2, () => `page=${r.pick(['99999999999', '-1', '0', '1.5', '1e3', 'x', ''])}&limit=${r.pick(['99999999999', '-1', '0', '201', 'abc', ''])}`],
      [1, () => `${r.pick(PROTO_KEYS)}[polluted]=1&${r.pick(PROTO_KEYS)}=1`],
      [1, () => Array.from({ length: r.int(2, 50) }, () => `${r.pick(queryParams.map((p) => p.name).concat('x'))}=${encode(r.pick(HOSTILE_STRINGS))}`).join('&')],
    )}`;
  }
  let target = search ? `${path}?${search}` : path;
  let method = op.method;
  let body: Buffer | undefined;
  let oversized = false;
  if (op.body || r.slip(0.05)) {
    const json = JSON.stringify(op.body ? jsonValue(r, known, op.body) : wrongValue(r, known)) ?? 'null';
    body = utf8(json);
    if (r.slip(0.3)) {
      const [name, bytes] = r.oneOf<[string, Buffer]>(
        [3, () => ['bad-json', utf8(json.slice(0, r.int(0, Math.max(0, json.length - 1))) + r.pick(['', '{', '"', ',', 'NaN', 'undefined']))]],
        [2, () => ['invalid-utf8', withInvalidUtf8(json)]],
        [2, () => ['proto', utf8(`{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},${json.startsWith('{') && json.length > 2 ? json.slice(1) : '"x":1}'}`)]],
        [1, () => { const n = r.int(100, 20_000); return ['deep', utf8(`${'['.repeat(n)}1${']'.repeat(n)}`)]; }],
        [1, () => ['oversized', utf8(JSON.stringify({ pad: 'x'.repeat(MAX_BODY_BYTES) }))]],
        [1, () => ['top-level', utf8(JSON.stringify(r.pick([[], 'x', 1, null, true])))]],
      );
      kind += ` body-${name}`;
      body = bytes;
      oversized = name === 'oversized';
    }
    headers['content-type'] = !r.slip(0.1) ? 'application/json' : r.pick(CONTENT_TYPES);
  }
  if (r.slip(0.1)) {
    method = r.pick(BAD_METHODS);
    kind += ` method-${method}`;
    if (method === 'GET' || method === 'HEAD') body = undefined;
  }
  if (r.slip(0.03)) {
    kind += ' path-attack';
    target = r.pick([`${path}/extra`, `${path}//`, `/${path}`, `${path}%00`, `${path}/..%2F..%2F`, `${path}?${'a='.repeat(3000)}`]);
  }
  const served = restOperations.filter((o) => o.template === op.template).map((o) => o.method);
  const malformed =
    (body !== undefined && oversized) ||
    !served.includes(method) ||
    (op.body !== null && method === op.method && body !== undefined && !parsesAsJson(body)) ||
    segments.some((seg) => !decodes(seg));
  // A dot segment (`.`, `%2e%2e`) is resolved away by URL parsing and may land on another route.
  const dotted = segments.some((seg) => /^(\.|%2e){1,2}$/i.test(seg)) || /\/(\.|%2e){1,2}(\/|$|\?)/i.test(target);
  // `/api/v2/env` + `/extra` is `/api/v2/env/{key}`: a mangled path that names another operation is no attack.
  const landsElsewhere = target !== path && restOperations.some((o) => o.method === method && templatePattern(o.template).test(target.split('?')[0] ?? ''));
  return { kind, method, path: target, headers, ...(body ? { body } : {}), malformed: malformed && !dotted && !landsElsewhere, graphql: false };
}

function decodes(segment: string): boolean {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

function parsesAsJson(body: Buffer): boolean {
  try {
    const text = body.toString('utf8');
    if (text === '') return true;
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** A path template as a pattern: each `{param}` stands for one non-empty segment. */
function templatePattern(template: string): RegExp {
  const source = template
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return new RegExp(`^${source}$`);
}
