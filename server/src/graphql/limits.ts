/**
 * Bounds on what one GraphQL request may ask of authing-local, so a hostile document is refused
 * in Authing's shape instead of overflowing the stack or running for minutes. This file holds every
 * bound and checks the document itself:
 *
 * - before parsing: the number of tokens and how deeply brackets nest (the parser recurses per level);
 * - right after parsing: operations per document (yoga picks the one to run before validation);
 * - before validation: field depth, aliases, selections and directives.
 *
 * cost.ts checks, with the variables, `page`/`limit` and the estimated size of the answer; budget.ts
 * bounds the resolver calls of the execution. Every refusal is code 400 (ERRORS.md, "Limits"). The
 * SDK's documents (ours and the official SDK's) need at most 276 tokens, nesting 10, depth 5 and
 * 77 fields, and at `limit: 200` an estimate of 120,000; GraphiQL's introspection query needs 53,000.
 */
import {
  GraphQLError,
  Kind,
  Lexer,
  Source,
  TokenKind,
  parse,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { AuthingServerError } from '../errors.js';

export const GRAPHQL_LIMITS = {
  /** Lexical tokens in one document. */
  tokens: 3000,
  /** `{`, `[` and `(` open at once (selections, list and object literals, arguments). */
  nesting: 32,
  /** Operations in one document (only one runs, but all are validated). */
  operations: 5,
  /** Levels of fields; `ofType` does not count (introspection nests a type reference's wrappers in it, one to one). */
  depth: 12,
  /** Aliased fields in one document. */
  aliases: 50,
  /** Selections (fields, fragment spreads, inline fragments) in one document, a fragment's counted wherever it is spread. */
  selections: 1000,
  /** Directives in one document. */
  directives: 50,
  /** Estimated fields of the answer: every list multiplies what it holds by its `limit`, or 10 (cost.ts). */
  cost: 200_000,
  /** Calls into authing-local's resolvers (each reads the database) while executing one request. */
  resolverCalls: 1000,
  /** Milliseconds after its first resolver call that a request may still call one. */
  resolverMs: 1000,
} as const;

/** A refusal for going over a limit: code 400, as a malformed request. */
export function limitError(en: string, zh: string): AuthingServerError {
  return new AuthingServerError(400, zh, en, undefined, 400);
}

/** A GraphQL error that toAuthingErrorJson formats with the domain error's code. */
export function asGraphQLError(error: AuthingServerError): GraphQLError {
  return new GraphQLError(error.en, { originalError: error });
}

const OPENING = new Set<TokenKind>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING = new Set<TokenKind>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/**
 * Lexes the document (the lexer loops; the parser recurses) and refuses one with too many tokens
 * or too deep a nesting. A syntax error stops the scan: the parser reports it, no deeper than here.
 */
export function sourceProblem(body: string): AuthingServerError | null {
  const lexer = new Lexer(new Source(body));
  let tokens = 0;
  let open = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (++tokens > GRAPHQL_LIMITS.tokens) {
        return limitError(`The document has more than ${GRAPHQL_LIMITS.tokens} tokens`, `GraphQL 文档超过 ${GRAPHQL_LIMITS.tokens} 个词法单元`);
      }
      if (OPENING.has(token.kind) && ++open > GRAPHQL_LIMITS.nesting) {
        return limitError(`The document nests more than ${GRAPHQL_LIMITS.nesting} levels deep`, `GraphQL 文档嵌套超过 ${GRAPHQL_LIMITS.nesting} 层`);
      }
      if (CLOSING.has(token.kind)) open--;
    }
  } catch (error) {
    if (error instanceof GraphQLError) return null;
    throw error;
  }
  return null;
}

interface Counts {
  depth: number;
  aliases: number;
  selections: number;
  directives: number;
}

/**
 * Counts depth, aliases, selections and directives, spreading fragments where they are used. It runs
 * before validation, so it guards itself: a fragment already being spread on the path is not spread
 * again (validation reports the cycle), and the walk stops once any count is over its limit.
 */
function countSelections(document: DocumentNode): Counts {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const counts: Counts = { depth: 0, aliases: 0, selections: 0, directives: 0 };
  const over = () =>
    counts.depth > GRAPHQL_LIMITS.depth ||
    counts.aliases > GRAPHQL_LIMITS.aliases ||
    counts.selections > GRAPHQL_LIMITS.selections ||
    counts.directives > GRAPHQL_LIMITS.directives;
  const spreading = new Set<string>();
  const walk = (set: SelectionSetNode, depth: number): void => {
    for (const selection of set.selections) {
      if (over()) return;
      counts.selections++;
      counts.directives += selection.directives?.length ?? 0;
      if (selection.kind === Kind.FIELD) {
        const level = selection.name.value === 'ofType' ? depth : depth + 1;
        if (selection.alias) counts.aliases++;
        counts.depth = Math.max(counts.depth, level);
        if (selection.selectionSet) walk(selection.selectionSet, level);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, depth);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || spreading.has(name)) continue;
        spreading.add(name);
        counts.directives += fragment.directives?.length ?? 0;
        walk(fragment.selectionSet, depth);
        spreading.delete(name);
      }
    }
  };
  for (const d of document.definitions) {
    if (d.kind === Kind.OPERATION_DEFINITION) {
      counts.directives += d.directives?.length ?? 0;
      walk(d.selectionSet, 0);
    }
  }
  return counts;
}

/** More operations than allowed (checked right after parsing: yoga picks the operation before validation). */
export function operationsProblem(document: DocumentNode): AuthingServerError | null {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length;
  if (operations <= GRAPHQL_LIMITS.operations) return null;
  return limitError(`The document has ${operations} operations; at most ${GRAPHQL_LIMITS.operations} are allowed`, `GraphQL 文档最多包含 ${GRAPHQL_LIMITS.operations} 个操作`);
}

/** The first limit on depth, aliases, selections or directives the document breaks, or null. */
export function documentProblem(document: DocumentNode): AuthingServerError | null {
  const c = countSelections(document);
  if (c.depth > GRAPHQL_LIMITS.depth) {
    return limitError(`The query is nested more than ${GRAPHQL_LIMITS.depth} fields deep`, `查询嵌套超过 ${GRAPHQL_LIMITS.depth} 层`);
  }
  if (c.aliases > GRAPHQL_LIMITS.aliases) {
    return limitError(`The document uses more than ${GRAPHQL_LIMITS.aliases} aliases`, `GraphQL 文档的别名超过 ${GRAPHQL_LIMITS.aliases} 个`);
  }
  if (c.selections > GRAPHQL_LIMITS.selections) {
    return limitError(
      `The document selects more than ${GRAPHQL_LIMITS.selections} fields and fragments`,
      `GraphQL 文档选择的字段和片段超过 ${GRAPHQL_LIMITS.selections} 个`,
    );
  }
  if (c.directives > GRAPHQL_LIMITS.directives) {
    return limitError(`The document uses more than ${GRAPHQL_LIMITS.directives} directives`, `GraphQL 文档的指令超过 ${GRAPHQL_LIMITS.directives} 个`);
  }
  return null;
}

/** Distinct document texts whose parse (or refusal) one server keeps; the least recently used goes first. */
export const DOCUMENT_CACHE_MAX = 1000;
/** Texts longer than this (in UTF-16 units) are parsed every time, so the cache stays within ~64 MB. */
export const DOCUMENT_CACHE_SOURCE_MAX = 32 * 1024;

/** What a document text came to: a document within the parse-time limits, or the error it was refused with. */
type Parsed = { document: DocumentNode } | { refusal: AuthingServerError } | { syntax: GraphQLError };

let parses = 0;

/** How many times the limits plugin has parsed a document (tests read it to see the cache work). */
export function documentParseCount(): number {
  return parses;
}

/** The before-validation limits of a document, counted once per document object (a cached document is the same object). */
const documentProblems = new WeakMap<DocumentNode, AuthingServerError | null>();

function documentProblemOnce(document: DocumentNode): AuthingServerError | null {
  let problem = documentProblems.get(document);
  if (problem === undefined) {
    problem = documentProblem(document);
    documentProblems.set(document, problem);
  }
  return problem;
}

/**
 * Validation results by document (a cached document is the same object every time it is sent),
 * for the schema and rules they were found with. Yoga's own validation cache would do the same,
 * but works out a key from the names of all the rules on every request.
 */
const validations = new WeakMap<DocumentNode, { schema: GraphQLSchema; rules: readonly ValidationRule[] | undefined; result: readonly GraphQLError[] }>();

function sameRules(a: readonly ValidationRule[] | undefined, b: readonly ValidationRule[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((rule, i) => rule === b[i]);
}

/** The source checks, the parse and the operation count of one document text, as {@link graphqlLimits} runs them. */
function parseWithinLimits(body: string, source: Parameters<typeof parse>[0], options: Parameters<typeof parse>[1]): Parsed {
  const problem = sourceProblem(body);
  if (problem) return { refusal: problem };
  // Within the bounds the parser is safe; parsing here lets the operations be counted before
  // yoga looks for the one to run. A syntax error is thrown as parse would throw it.
  parses++;
  let document: DocumentNode;
  try {
    document = parse(source, options);
  } catch (error) {
    if (error instanceof GraphQLError) return { syntax: error };
    throw error;
  }
  const operations = operationsProblem(document);
  return operations ? { refusal: operations } : { document };
}

/**
 * The yoga plugin for the document limits: refuses at the earliest step that can tell. The refusal
 * is a GraphQL error carrying the AuthingServerError, so it is answered with its code. (cost.ts and
 * budget.ts add the limits that need the variables and the execution.)
 *
 * The source checks, the parse and the document counts run once per distinct document text: the
 * outcome is kept in a bounded LRU keyed by the text (at most {@link DOCUMENT_CACHE_MAX} texts of
 * up to {@link DOCUMENT_CACHE_SOURCE_MAX} characters), and a document sent again is the same
 * `DocumentNode`, whose validation (the limits on selections, then graphql's rules) is kept by
 * document too.
 * A refused text is refused again with the same error (a fresh GraphQLError over the same
 * AuthingServerError; a syntax error is rethrown as it was, as yoga's own cache does), so the
 * answer is the same whether it came from the cache or not. createApp turns yoga's own parser and
 * validation cache off: this one replaces it.
 */
export function graphqlLimits(): Plugin & { validated(body: string, schema: GraphQLSchema): DocumentNode | null } {
  const cache = new Map<string, Parsed>();
  return {
    /**
     * The document of a text this plugin has already parsed and that passed every check and the
     * validation against `schema` with no error, or null. A request whose document is known good
     * needs none of yoga's steps before execution (app.ts's fast path, graphql/fast-path.ts); any
     * other text is left to yoga, which refuses it as it always has and fills this cache. A hit
     * counts as a use, so a document in constant use stays cached.
     */
    validated(body, schema) {
      const parsed = cache.get(body);
      if (!parsed || !('document' in parsed)) return null;
      cache.delete(body);
      cache.set(body, parsed);
      const { document } = parsed;
      // Yoga validates with the same rules every time; an entry for this schema with no error is a pass.
      const known = validations.get(document);
      return documentProblems.get(document) === null && known?.schema === schema && known.result.length === 0 ? document : null;
    },
    onParse({ params, setParsedDocument }) {
      const body = typeof params.source === 'string' ? params.source : params.source.body;
      let parsed = cache.get(body);
      if (parsed) {
        cache.delete(body);
        cache.set(body, parsed);
      } else {
        parsed = parseWithinLimits(body, params.source, params.options);
        if (body.length <= DOCUMENT_CACHE_SOURCE_MAX) {
          cache.set(body, parsed);
          if (cache.size > DOCUMENT_CACHE_MAX) cache.delete(cache.keys().next().value as string);
        }
      }
      if ('refusal' in parsed) throw asGraphQLError(parsed.refusal);
      if ('syntax' in parsed) throw parsed.syntax;
      setParsedDocument(parsed.document);
    },
    onValidate({ params, setResult }) {
      const { documentAST: document, schema, rules } = params;
      const problem = documentProblemOnce(document);
      if (problem) {
        setResult([asGraphQLError(problem)]);
        return;
      }
      const known = validations.get(document);
      if (known && known.schema === schema && sameRules(known.rules, rules)) {
        setResult([...known.result]);
        return;
      }
      return ({ result }) => {
        validations.set(document, { schema, rules: rules ? [...rules] : undefined, result: [...result] });
      };
    },
  };
}
