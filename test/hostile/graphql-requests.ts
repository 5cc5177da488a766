/**
 * Hostile GraphQL requests on one root field, built from the SDL: well-formed operations with
 * hostile values (as variables or literals), documents built to break a limit or the grammar, and
 * transport attacks (content types, bodies, batching, methods, GET, Accept).
 */
import {
  getNamedType,
  getNullableType,
  getVariableValues,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Kind,
  parse,
  validate,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type OperationDefinitionNode,
} from 'graphql';
import { MAX_BODY_BYTES } from '../../server/src/http/limits.js';
import { schema, type RootField } from './model.js';
import {
  CONTENT_TYPES,
  HOSTILE_NUMBERS,
  NAME,
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

/** A value for a GraphQL input type: mostly of the type (with hostile content), sometimes not. */
function inputValue(r: Rand, known: Known, type: GraphQLInputType, depth = 0, name?: string): unknown {
  if (r.slip(0.06)) return wrongValue(r, known);
  if (isNonNullType(type)) return inputValue(r, known, type.ofType, depth, name);
  if (isListType(type)) {
    if (r.chance(0.15)) return inputValue(r, known, type.ofType, depth + 1, name);
    return Array.from({ length: r.int(0, 4) }, () => inputValue(r, known, type.ofType, depth + 1, name));
  }
  if (isEnumType(type)) return r.strict || r.chance(0.85) ? r.pick(type.getValues()).name : hostileString(r, known);
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) {
      if (depth > 3) break;
      const required = isNonNullType(f.type);
      if (required ? r.strict || r.chance(0.95) : r.chance(0.5)) out[f.name] = inputValue(r, known, f.type, depth + 1, f.name);
    }
    if (r.slip(0.08)) out[r.pick([...PROTO_KEYS, 'unknownField'])] = wrongValue(r, known);
    return out;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        return integer(r, name);
      case 'Float':
        return r.pick(HOSTILE_NUMBERS);
      case 'Boolean':
        return r.chance(0.5);
      default:
        return hostileString(r, known, name);
    }
  }
  return wrongValue(r, known);
}

/** A JSON value written as a GraphQL literal; enum values of an enum type are written bare. */
function literal(value: unknown, type: GraphQLInputType | undefined): string {
  const t = type ? getNullableType(type) : undefined;
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, t && isListType(t) ? t.ofType : undefined)).join(', ')}]`;
  if (typeof value === 'object') {
    const fields = t && isInputObjectType(t) ? t.getFields() : {};
    return `{${Object.entries(value)
      .filter(([k]) => NAME.test(k))
      .map(([k, v]) => `${k}: ${literal(v, fields[k]?.type)}`)
      .join(', ')}}`;
  }
  // A lone surrogate escape is a syntax error in a GraphQL string; variables carry those instead.
  if (typeof value === 'string') return t && isEnumType(t) && NAME.test(value) ? value : JSON.stringify(wellFormed(value));
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  return String(value);
}

/** A selection set for an output type, `depth` levels at most, with arguments for nested fields. */
function selection(r: Rand, known: Known, type: GraphQLOutputType, depth: number): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (!(isObjectType(named) || isInterfaceType(named))) return '{ __typename }';
  const fields = Object.values(named.getFields());
  const chosen = new Set<GraphQLField<unknown, unknown>>();
  for (let i = r.int(1, Math.min(5, fields.length)); i > 0; i--) chosen.add(r.pick(fields));
  const parts: string[] = [];
  for (const f of chosen) {
    const leaf = isLeafType(getNamedType(f.type));
    if (!leaf && depth <= 0) continue;
    const args = argumentsLiteral(r, known, f.args, 0.2);
    const alias = r.chance(0.1) ? `al${r.int(0, 99)}: ` : '';
    parts.push(`${alias}${f.name}${args}${leaf ? '' : ` ${selection(r, known, f.type, depth - 1)}`}`);
  }
  if (r.slip(0.04)) parts.push(r.pick(['doesNotExist', '__schema { types { name } }', 'password', 'secret', 'jwtSecret']));
  if (parts.length === 0) parts.push('__typename');
  return `{ ${parts.join(' ')} }`;
}

function argumentsLiteral(r: Rand, known: Known, args: readonly GraphQLArgument[], optional: number): string {
  const parts = args
    .filter((a) => (isNonNullType(a.type) ? r.strict || r.chance(0.95) : r.chance(optional)))
    .map((a) => `${a.name}: ${literal(inputValue(r, known, a.type, 0, a.name), a.type)}`);
  if (r.slip(0.03)) parts.push(`${r.pick(['unknownArg', '__proto__', 'constructor'])}: 1`);
  return parts.length ? `(${parts.join(', ')})` : '';
}

/** A well-formed operation on one root field: arguments as variables (mostly) or literals. */
function operation(r: Rand, known: Known, root: RootField): { query: string; variables: Record<string, unknown> } {
  const variables: Record<string, unknown> = {};
  const defs: string[] = [];
  const args: string[] = [];
  const asVariables = r.chance(0.75);
  for (const a of root.field.args) {
    if (!(isNonNullType(a.type) ? r.strict || r.chance(0.95) : r.chance(0.5))) continue;
    const value = inputValue(r, known, a.type, 0, a.name);
    if (asVariables) {
      defs.push(`$${a.name}: ${r.slip(0.03) ? r.pick(['String', 'Int', '[String]', 'Boolean!']) : String(a.type)}`);
      args.push(`${a.name}: $${a.name}`);
      if (!(r.chance(0.05) && !isNonNullType(a.type))) variables[a.name] = value;
    } else {
      args.push(`${a.name}: ${literal(value, a.type)}`);
    }
  }
  const name = r.chance(0.5) ? ` op${r.int(0, 9)}` : '';
  const head = `${root.operation}${name}${defs.length ? `(${defs.join(', ')})` : ''}`;
  const query = `${head} { ${root.field.name}${args.length ? `(${args.join(', ')})` : ''} ${selection(r, known, root.field.type, r.int(0, 3))} }`;
  return { query, variables };
}

/**
 * A selection `levels` deep, following the schema's own object fields where it can (users → list →
 * roles → list → users …, the cycles that used to hang the server), then unknown fields.
 */
function deepSelection(r: Rand, type: GraphQLOutputType, levels: number): string {
  let named = getNamedType(type);
  const names: string[] = [];
  for (let i = 0; i < levels; i++) {
    const next =
      isObjectType(named) || isInterfaceType(named)
        ? Object.values(named.getFields()).filter((f) => !isLeafType(getNamedType(f.type)) && !f.args.some((a) => isNonNullType(a.type)))
        : [];
    const field = next.length ? r.pick(next) : undefined;
    names.push(field?.name ?? 'x');
    named = field ? getNamedType(field.type) : named;
  }
  return names.map((n) => ` { ${n}`).join('') + ' { __typename }' + ' }'.repeat(names.length);
}

/** Documents built to break a limit or the grammar: refused whatever the server holds. */
function structural(r: Rand, known: Known, root: RootField): { kind: string; query: string } {
  const f = root.field.name;
  const op = root.operation;
  const leafSel = selection(r, known, root.field.type, 1);
  return r.oneOf(
    [2, () => ({ kind: 'deep', query: `${op} { ${f}${deepSelection(r, root.field.type, r.int(13, 300))} }` })],
    [2, () => ({ kind: 'aliases', query: `${op} { ${Array.from({ length: r.int(51, 400) }, (_, i) => `a${i}: __typename`).join(' ')} ${f} ${leafSel} }` })],
    [2, () => {
      const n = r.int(33, 4000);
      const arg = root.field.args[0]?.name ?? 'x';
      return { kind: 'nested-list', query: `${op} { ${f}(${arg}: ${'['.repeat(n)}1${']'.repeat(n)}) ${leafSel} }` };
    }],
    [1, () => {
      const n = r.int(33, 2000);
      const arg = root.field.args[0]?.name ?? 'x';
      return { kind: 'nested-object', query: `${op} { ${f}(${arg}: ${'{ a: '.repeat(n)}1${' }'.repeat(n)}) ${leafSel} }` };
    }],
    [1, () => ({ kind: 'operations', query: Array.from({ length: r.int(6, 40) }, (_, i) => `${op} o${i} { ${f} ${leafSel} }`).join('\n') })],
    [1, () => ({ kind: 'fragment-cycle', query: `${op} { ...A } fragment A on ${op === 'query' ? 'Query' : 'Mutation'} { ...B } fragment B on ${op === 'query' ? 'Query' : 'Mutation'} { ...A }` })],
    [1, () => {
      const type = op === 'query' ? 'Query' : 'Mutation';
      const n = r.int(12, 30);
      const leaf = r.pick(['__typename', '...missing']);
      const frags = Array.from({ length: n }, (_, i) => `fragment f${i} on ${type} { ${i === n - 1 ? leaf : `...f${i + 1} ...f${i + 1}`} }`);
      return { kind: 'fragment-bomb', query: `${op} { ...f0 } ${frags.join(' ')}` };
    }],
    [1, () => ({ kind: 'directives', query: `${op} { __typename ${'@include(if: true) '.repeat(r.int(51, 600))} }` })],
    [1, () => ({ kind: 'tokens', query: `${op} { ${'__typename '.repeat(r.int(3001, 20_000))} }` })],
    [1, () => ({ kind: 'fields', query: `${op} { ${'__typename '.repeat(r.int(1001, 2900))} }` })],
    [2, () => ({ kind: 'unknown-field', query: `${op} { ${f}Nope ${r.chance(0.5) ? leafSel : ''} nope: ${r.pick(PROTO_KEYS)} }` })],
    [3, () => {
      const { query } = operation(r, known, root);
      const cut = r.int(1, Math.max(1, query.length - 2));
      const garbage = r.pick(['', '{', '}', '"', '\\', '#', '$', '@', ')', '...', '\u0000', '\uD800', r.text(8)]);
      return { kind: 'syntax', query: query.slice(0, cut) + garbage };
    }],
  );
}

/** Whether graphql-js refuses the document with these variables before executing anything. */
function refusedByGraphQL(query: string, variables: Record<string, unknown>, operationName?: string): boolean {
  try {
    const document = parse(query);
    if (validate(schema, document).length > 0) return true;
    const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const op = operationName ? ops.find((o) => o.name?.value === operationName) : ops.length === 1 ? ops[0] : undefined;
    if (!op) return true;
    return 'errors' in getVariableValues(schema, op.variableDefinitions ?? [], variables, { maxErrors: 1 });
  } catch {
    return true;
  }
}

/** One hostile GraphQL request on a root field. */
export function graphqlRequest(r: Rand, known: Known, root: RootField): HostileRequest {
  const headers = { ...authHeaders(r, known), 'content-type': 'application/json' };
  const base = { method: 'POST', path: '/graphql/v2', headers, graphql: true };
  const f = root.field.name;
  return r.oneOf<HostileRequest>(
    [r.strict ? 100_000 : 60, () => {
      const { query, variables } = operation(r, known, root);
      const body = JSON.stringify({ query, variables });
      return { ...base, kind: `graphql typed ${f}`, body: utf8(body), malformed: refusedByGraphQL(query, variables) };
    }],
    [20, () => {
      const { kind, query } = structural(r, known, root);
      return { ...base, kind: `graphql ${kind} ${f}`, body: utf8(JSON.stringify({ query })), malformed: true };
    }],
    [20, () => {
      const { query, variables } = operation(r, known, root);
      return r.oneOf<HostileRequest>(
        [3, () => {
          const type = r.pick(CONTENT_TYPES);
          const json = /^application\/([^;]*\+)?json\s*(;|$)/i.test(type);
          return { ...base, kind: `graphql content-type ${f}`, headers: { ...headers, 'content-type': type }, body: utf8(JSON.stringify({ query, variables })), malformed: !json || refusedByGraphQL(query, variables) };
        }],
        [3, () => {
          const json = JSON.stringify({ query, variables });
          return { ...base, kind: `graphql bad-json ${f}`, body: utf8(json.slice(0, r.int(0, json.length - 1)) + r.pick(['', ',', '"', '\\u12', 'NaN'])), malformed: true };
        }],
        [2, () => ({ ...base, kind: `graphql batch ${f}`, body: utf8(JSON.stringify([{ query, variables }, { query }])), malformed: true })],
        [2, () => ({ ...base, kind: `graphql body-type ${f}`, body: utf8(JSON.stringify(r.pick([null, 1, 'x', [], true, { query: 1 }, { query, variables: 'x' }, { query, variables: [] }]))), malformed: true })],
        [2, () => ({ ...base, kind: `graphql extra-keys ${f}`, body: utf8(`{"query":${JSON.stringify(query)},"${r.pick(PROTO_KEYS)}":{"polluted":true}}`), malformed: true })],
        [2, () => ({ ...base, kind: `graphql invalid-utf8 ${f}`, body: withInvalidUtf8(JSON.stringify({ query, variables })), malformed: refusedByGraphQL(query, variables) })],
        [1, () => ({ ...base, kind: `graphql oversized ${f}`, body: utf8(JSON.stringify({ query, variables, pad: 'x'.repeat(MAX_BODY_BYTES) })), malformed: true })],
        [2, () => ({ ...base, kind: `graphql method ${f}`, method: r.pick(['PUT', 'PATCH', 'DELETE', 'TRACE', 'PROPFIND', 'OPTIONS']), body: utf8(JSON.stringify({ query })), malformed: true })],
        [3, () => {
          const params = new URLSearchParams({ query, variables: JSON.stringify(variables) });
          const { 'content-type': _, ...rest } = headers;
          const refused = root.operation === 'mutation' || refusedByGraphQL(query, variables);
          return { ...base, kind: `graphql get ${f}`, method: 'GET', path: `/graphql/v2?${params.toString()}`.slice(0, 12_000), headers: rest, body: undefined, malformed: refused };
        }],
        [1, () => ({ ...base, kind: `graphql accept ${f}`, headers: { ...headers, accept: r.pick(['text/event-stream', 'multipart/mixed', 'text/html', 'image/png', '*/*;q=0']) }, body: utf8(JSON.stringify({ query, variables })), malformed: refusedByGraphQL(query, variables) })],
      );
    }],
  );
}
