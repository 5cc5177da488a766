import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { Errors } from '../errors.js';
import { HttpErrors, pagingProblem } from '../http/limits.js';

/** What a REST handler receives: validated path, query and body. */
export interface RestInput {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
  request: Request;
}

/** A handler's answer when it has a message of its own; a plain value becomes `data` with the default message. */
export class Reply {
  constructor(
    readonly data: unknown,
    readonly message: string,
  ) {}
}

export interface RestResult {
  data: unknown;
  message?: string;
}

export type RestHandler<Ctx> = (input: RestInput, ctx: Ctx) => Promise<unknown>;

interface Route<Ctx> {
  method: string;
  template: string;
  pattern: RegExp;
  names: string[];
  /** Per segment: true where the template has a literal. */
  literals: boolean[];
  operationId: string;
  handler: RestHandler<Ctx>;
  validateParams: Validator;
  validateBody: Validator | null;
  /** The query parameters that page a listing, bounded for every operation alike (http/limits.ts). */
  paging: Array<'page' | 'limit'>;
}

interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Record<string, unknown>;
}

interface OpenApiOperation {
  operationId?: string;
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Record<string, unknown> }> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** `#/components/...` refs point into the OpenAPI document, which is registered in Ajv as `openapi`. */
function rebaseRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rebaseRefs);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#') ? `openapi${v}` : rebaseRefs(v)]),
    );
  }
  return value;
}

/** A validator as the router calls it: Ajv's, or one that compiles Ajv's on first use. */
interface Validator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
  /** Compiles now (what the first call would do). */
  compile(): void;
}

/**
 * Compiles `schema` on the first request that needs it, not at start: compiling every operation's
 * validators was most of authing-local's start-up (about 250 ms of CPU), and a test or demo reaches
 * a handful of operations. The compiled function is kept; its `errors` are copied after each call.
 */
function lazyValidator(ajv: () => Ajv2020, schema: object): Validator {
  let compiled: ValidateFunction | null = null;
  const validate = ((data: unknown) => {
    compiled ??= ajv().compile(schema);
    const ok = compiled(data);
    validate.errors = compiled.errors;
    return ok;
  }) as Validator;
  validate.compile = () => {
    compiled ??= ajv().compile(schema);
  };
  return validate;
}

function describe(errors: ErrorObject[] | null | undefined, where: string): string {
  const first = errors?.[0];
  if (!first) return `Invalid ${where}`;
  const field = first.instancePath ? first.instancePath.slice(1).replaceAll('/', '.') : (first.params as { missingProperty?: string }).missingProperty ?? where;
  return `Invalid ${where}: ${field} ${first.message ?? 'is invalid'}`.trim();
}

/** A path parameter as sent, percent-decoded; an escape that is no UTF-8 (`%E0%A4%A`, `%ZZ`) is a 400. */
function decodePathSegment(raw: string, name: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw Errors.invalidInput(`Invalid parameters: ${name} is not valid percent-encoded UTF-8`, `参数 ${name} 不是合法的百分号编码 UTF-8`);
  }
}

/** Orders routes so the first whose pattern matches a path is the most specific one. */
function bySpecificity<Ctx>(a: Route<Ctx>, b: Route<Ctx>): number {
  const n = Math.min(a.literals.length, b.literals.length);
  for (let i = 0; i < n; i++) if (a.literals[i] !== b.literals[i]) return a.literals[i] ? -1 : 1;
  return b.literals.length - a.literals.length;
}

/**
 * Routes REST requests by the paths of the OpenAPI document and validates them against it, so the
 * document is the single source of truth for what the server accepts. Every operation must have a
 * handler: a missing one fails at start-up, not at request time. (For the served document the
 * compiler already insists, through `TypedHandlers` in typed.ts; this check covers any document.)
 */
export class OpenApiRouter<Ctx> {
  private readonly routes: Array<Route<Ctx>> = [];
  /** Compiles every validator now (tests: a schema Ajv cannot compile fails there, not at a first request). */
  readonly compileAll: () => void;
  /** Each template's operations by method. */
  private readonly byTemplate = new Map<string, Map<string, Route<Ctx>>>();
  /** The templates without parameters, by their path: one that matches a path is always the most specific. */
  private readonly literalTemplates = new Set<string>();

  constructor(document: Record<string, unknown>, handlers: Record<string, RestHandler<Ctx>>) {
    let shared: Ajv2020 | null = null;
    const ajv = (): Ajv2020 => {
      if (!shared) {
        shared = new Ajv2020({ strict: false, allErrors: false, coerceTypes: 'array', useDefaults: true });
        shared.addSchema({ $id: 'openapi', components: rebaseRefs(document.components ?? {}) });
      }
      return shared;
    };
    const paths = (document.paths ?? {}) as Record<string, Record<string, OpenApiOperation>>;
    const missing: string[] = [];
    for (const [template, item] of Object.entries(paths)) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        const operationId = op.operationId ?? `${method} ${template}`;
        const handler = handlers[operationId];
        if (!handler) {
          missing.push(operationId);
          continue;
        }
        const names: string[] = [];
        const segments = template.split('/');
        const pattern = new RegExp(
          `^${segments.map((s) => (s.startsWith('{') ? (names.push(s.slice(1, -1)), '([^/]+)') : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}/?$`,
        );
        const params = [...(op.parameters ?? []), ...((item as { parameters?: OpenApiParameter[] }).parameters ?? [])].filter(
          (p) => p.in === 'path' || p.in === 'query',
        );
        const paramsSchema = {
          type: 'object',
          properties: Object.fromEntries(params.map((p) => [`${p.in}:${p.name}`, rebaseRefs(p.schema ?? {})])),
          required: params.filter((p) => p.required || p.in === 'path').map((p) => `${p.in}:${p.name}`),
        };
        const bodySchema = op.requestBody?.content?.['application/json']?.schema;
        this.routes.push({
          method: method.toUpperCase(),
          template,
          pattern,
          names,
          literals: segments.map((s) => !s.startsWith('{')),
          operationId,
          handler,
          validateParams: lazyValidator(ajv, paramsSchema),
          validateBody: bodySchema ? lazyValidator(ajv, rebaseRefs(bodySchema) as object) : null,
          paging: params.filter((p) => p.in === 'query' && (p.name === 'page' || p.name === 'limit')).map((p) => p.name as 'page' | 'limit'),
        });
        // A multipart body (uploads) is read by its handler, which gets the request as it came.
        const multipart = op.requestBody?.content?.['multipart/form-data'] !== undefined;
        if (op.requestBody?.required && !bodySchema && !multipart) missing.push(`${operationId} (no JSON body schema)`);
      }
    }
    if (missing.length > 0) throw new Error(`REST operations without a handler: ${missing.join(', ')}`);
    this.routes.sort(bySpecificity);
    this.compileAll = () => {
      for (const route of this.routes) {
        route.validateParams.compile();
        route.validateBody?.compile();
      }
    };
    for (const route of this.routes) {
      let methods = this.byTemplate.get(route.template);
      if (!methods) this.byTemplate.set(route.template, (methods = new Map()));
      methods.set(route.method, route);
      if (route.names.length === 0) this.literalTemplates.add(route.template);
    }
  }

  /**
   * The operation a request reaches: the most specific path template that matches wins outright
   * (a literal segment beats a parameter at the first segment where templates differ, so
   * `/users/batch` is never read as `/users/{userId}`), then the method picks among that
   * template's operations.
   * @returns the route; `null` when no template matches
   * @throws 405 when the winning template has no operation for the method
   */
  private match(method: string, pathname: string): Route<Ctx> | null {
    // A template without parameters that matches (the path itself, or with a trailing slash) comes
    // first in specificity order, so it is looked up instead of scanning the patterns.
    const literal = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
    const template = this.literalTemplates.has(literal) ? literal : this.routes.find((r) => r.pattern.test(pathname))?.template;
    if (template === undefined) return null;
    const route = this.byTemplate.get(template)?.get(method);
    if (!route) throw HttpErrors.methodNotAllowed(method);
    return route;
  }

  /** The operationId a request would reach (`null` for none); the router's tests pin routing with it. */
  operationFor(method: string, pathname: string): string | null {
    return this.match(method, pathname)?.operationId ?? null;
  }

  /** Finds the route, validates the request, and runs the handler; `null` when nothing matches. */
  async handle(request: Request, ctx: Ctx): Promise<RestResult | null> {
    const url = new URL(request.url);
    const route = this.match(request.method, url.pathname);
    if (!route) return null;

    const match = route.pattern.exec(url.pathname);
    const path: Record<string, unknown> = {};
    route.names.forEach((name, i) => {
      path[name] = decodePathSegment(match?.[i + 1] ?? '', name);
    });
    const params: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(path)) params[`path:${k}`] = v;
    for (const key of new Set(url.searchParams.keys())) {
      const all = url.searchParams.getAll(key);
      params[`query:${key}`] = all.length > 1 ? all : all[0];
    }
    if (!route.validateParams(params)) throw Errors.invalidInput(describe(route.validateParams.errors, 'parameters').replaceAll(/(query|path):/g, ''));
    for (const name of route.paging) {
      const problem = pagingProblem(name, params[`query:${name}`]);
      if (problem) throw problem;
    }

    let body: unknown = undefined;
    if (route.validateBody) {
      const text = await request.text();
      try {
        body = text ? JSON.parse(text) : {};
      } catch {
        throw Errors.invalidInput('Request body is not valid JSON', '请求体不是合法的 JSON');
      }
      if (!route.validateBody(body)) throw Errors.invalidInput(describe(route.validateBody.errors, 'body'));
    }
    const query: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(params)) if (k.startsWith('query:')) query[k.slice(6)] = v;
    for (const [k, v] of Object.entries(params)) if (k.startsWith('path:')) path[k.slice(5)] = v;

    const result = await route.handler({ path, query, body, request }, ctx);
    return result instanceof Reply ? { data: result.data, message: result.message } : { data: result };
  }
}
