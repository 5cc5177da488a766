/**
 * The fast path for plain GraphQL requests (issue 10). Yoga's request and response layers (its
 * Request and Response classes, the plugin hooks around parsing, params, execution and the result,
 * promise helpers at every step) cost more server CPU than the checks a permission query asks for.
 * A plain `POST /graphql/v2` whose document yoga has already parsed, checked and validated without
 * error needs none of it: this module runs such a request on the same schema, with the same
 * context and the same limits yoga's plugins apply (cost.ts before execution, budget.ts after),
 * and answers the same bytes, status and content type.
 *
 * Everything else stays with yoga, so its refusals stay as they are: a request made in process
 * (its caller may abort it, and yoga answers an abort by rejecting), a content type yoga does not
 * read as JSON, a body that is not a JSON object of `query`, `variables`, `operationName` and
 * `extensions` with the types yoga accepts, a document yoga has not yet validated or has refused
 * (each text's first request, a text too long for the cache of graphql/limits.ts), and an operation
 * that is a subscription or that cannot be picked (no such `operationName`, several operations and
 * no name). The execution is graphql-js's `execute`, where yoga runs @graphql-tools/executor's port
 * of it (not a dependency of ours); server/test/http/graphql-fast-path.test.ts holds the answers of
 * the two paths equal, errors of variables and resolvers included.
 */
import { GraphQLError, execute, getOperationAST, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { Lang } from '../errors.js';
import { jsonText } from '../http/answer.js';
import { withinBudget } from './budget.js';
import type { GraphQLContext } from './context.js';
import { executionProblem } from './cost.js';
import { authingErrorsText } from './errors.js';
import { asGraphQLError } from './limits.js';

/** What the fast path shares with the yoga server beside it. */
export interface FastGraphQL {
  /** The schema yoga executes (the same object, so yoga's validation of a document holds for it). */
  schema: GraphQLSchema;
  /** The document of a text yoga's limits plugin has parsed, checked and validated without error, or null (graphqlLimits().validated). */
  validated(text: string): DocumentNode | null;
  /** The context of one request, made by the function yoga's `context` option calls. */
  context(request: Request): GraphQLContext;
  log(error: unknown): void;
}

/** The parameters of a plain request. */
interface PlainParams {
  query: string;
  variables: Record<string, unknown> | null | undefined;
  operationName: string | null | undefined;
}

/** The parameters yoga accepts in a body (its useCheckGraphQLQueryParams); any other one, unless null, is refused by yoga. */
const PARAMS = new Set(['query', 'variables', 'operationName', 'extensions']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The body's parameters when yoga would take them as they are: a JSON object whose `query` is a
 * string and whose `variables` and `extensions` are objects or absent. `operationName` must be a
 * string or absent too (yoga does not check it, and passes a number on to the executor as it is).
 * Anything else is null: yoga answers it.
 */
function plainParams(body: string): PlainParams | null {
  let params: unknown;
  try {
    params = JSON.parse(body);
  } catch {
    return null;
  }
  if (!isObject(params)) return null;
  for (const key in params) if (params[key] != null && !PARAMS.has(key)) return null;
  const { query, variables, operationName, extensions } = params;
  if (typeof query !== 'string') return null;
  if (!(variables == null || isObject(variables)) || !(extensions == null || isObject(extensions))) return null;
  if (!(operationName == null || typeof operationName === 'string')) return null;
  return { query, variables, operationName };
}

/**
 * Whether yoga's JSON parser takes a body of this type (its isPOSTJsonRequest: the first of a list,
 * exactly `application/json`, parameters after a `;`). http/limits.ts lets other JSON types through
 * (`application/ld+json`, `Application/JSON`), which yoga answers 415 with no body: those stay with it.
 */
function yogaReadsAsJson(contentType: string | null): boolean {
  const first = contentType?.split(',')[0];
  return first === 'application/json' || first?.startsWith('application/json;') === true;
}

let answered = 0;

/** How many requests the fast path has answered (tests read it to see which path a request took). */
export function fastPathCount(): number {
  return answered;
}

/**
 * The answer to a plain request whose document yoga has already validated, made as yoga makes it;
 * null for any other request, which the caller hands to yoga.
 */
export function answerFast(fast: FastGraphQL, request: Request, body: string, lang: Lang): Promise<Response> | null {
  if (!yogaReadsAsJson(request.headers.get('content-type'))) return null;
  const params = plainParams(body);
  const document = params && fast.validated(params.query);
  if (!params || !document) return null;
  // Yoga runs a subscription through `subscribe`, and refuses a document whose operation cannot be
  // picked right after parsing ("Could not determine what operation to execute."): both stay with it.
  const operation = getOperationAST(document, params.operationName);
  if (operation?.operation !== 'query' && operation?.operation !== 'mutation') return null;
  answered++;
  return run(fast, request, document, params).then((result) =>
    // As graphql-yoga and authingErrors (app.ts) answer: status 200 either way (no error of ours
    // carries yoga's `extensions.http`), the result as it is or Authing's shape of errors.
    jsonText(result.errors?.length ? authingErrorsText({ data: result.data, errors: result.errors }, lang, fast.log) : JSON.stringify(result)),
  );
}

/** The execution, between the plugins' checks: answerLimits (cost.ts) before, resolverBudget (budget.ts) after. */
async function run(fast: FastGraphQL, request: Request, document: DocumentNode, { variables, operationName }: PlainParams): Promise<ExecutionResult> {
  const { schema } = fast;
  const problem = executionProblem(schema, document, operationName, variables);
  if (problem) return { data: null, errors: [asGraphQLError(problem)] };
  try {
    return withinBudget(await execute({ schema, document, contextValue: fast.context(request), variableValues: variables, operationName }));
  } catch (error) {
    // A failure of the executor itself (none of the resolvers' errors, which are in the result) is
    // one error, as yoga's handleError makes it (and toAuthingErrorJson masks as 500).
    if (error instanceof GraphQLError) return { errors: [error] };
    if (error instanceof Error) return { errors: [new GraphQLError(error.message, { originalError: error })] };
    throw error;
  }
}
