import { GraphQLError } from 'graphql';
import { AuthingServerError, Errors, type Lang } from '../errors.js';

/** One error as Authing sends it: `message` is itself an object `{code, message, data}`. */
export interface AuthingGraphQLErrorJson {
  message: { code: number; message: string; data?: unknown };
  locations?: ReadonlyArray<{ line: number; column: number }>;
  path?: ReadonlyArray<string | number>;
  extensions: { code: number };
}

function domainError(error: GraphQLError): AuthingServerError | null {
  let cause: unknown = error.originalError;
  // graphql-js may wrap the thrown error more than once (e.g. in list items).
  while (cause instanceof GraphQLError) cause = cause.originalError;
  return cause instanceof AuthingServerError ? cause : null;
}

/** Formats one GraphQL error; unexpected failures are masked as 500 and reported to `log`. */
export function toAuthingErrorJson(error: GraphQLError, lang: Lang, log: (e: unknown) => void): AuthingGraphQLErrorJson {
  let authing = domainError(error);
  if (!authing) {
    if (error.originalError && !(error.originalError instanceof GraphQLError)) {
      log(error.originalError);
      authing = Errors.internal();
    } else {
      // Syntax, validation and variable-coercion errors: the client sent a bad request.
      authing = Errors.invalidInput(error.message);
    }
  }
  return {
    message: {
      code: authing.code,
      message: authing.messageFor(lang),
      ...(authing.data === undefined ? {} : { data: authing.data }),
    },
    ...(error.locations ? { locations: error.locations } : {}),
    ...(error.path ? { path: error.path } : {}),
    extensions: { code: authing.code },
  };
}

/**
 * The body of an answer with errors as Authing sends it (always with status 200): `data`, null
 * when there is none, and the errors formatted by {@link toAuthingErrorJson}.
 */
export function authingErrorsText(result: { data?: unknown; errors: readonly GraphQLError[] }, lang: Lang, log: (e: unknown) => void): string {
  const errors = result.errors.map((e) => toAuthingErrorJson(e, lang, log));
  return JSON.stringify({ data: result.data ?? null, errors });
}
