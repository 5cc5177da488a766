/**
 * Writes docs/coverage.md: every method of the official SDKs (scripts/official-surface.json, drawn
 * from the method-by-method reference), whether our SDK has it, what it sends, and whether
 * authing-local serves that; then our methods beyond that list. Nothing is kept by hand: our
 * surface is read from the client classes with the TypeScript compiler (each public method's
 * body, followed through the helpers it calls, names the GraphQL documents and REST paths it
 * sends), and "served" asks the server's own resolvers and REST router.
 *
 *   tsx scripts/coverage.ts           write docs/coverage.md
 *   tsx scripts/coverage.ts --check   fail when docs/coverage.md is not what the sources say
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, type OperationDefinitionNode } from 'graphql';
import ts from 'typescript';

const repository = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TARGET = 'docs/coverage.md';

/** One row of the official surface. */
interface OfficialRow {
  area: string;
  /** As the reference names it: `users.create`, `users.list_udv *(py only)*`, `auth.buildAuthorizeUrl (protocol oidc)`. */
  method: string;
  python: string | null;
  js: boolean;
  transport: string;
  since?: string;
}

/** What one of our methods sends. */
interface Transport {
  graphql: Set<string>;
  rest: Set<string>;
  /** HTTP methods sent to a path the function was given (its caller's literal names the path). */
  dynamic: Set<string>;
}

/** One public method of ours: `users.create`, `auth.loginByEmail`, `mgmt.…` for ManagementClient itself. */
interface OurMethod {
  key: string;
  transport: Transport;
}

const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** Reads the public methods of both clients and of every sub-client they expose through getters. */
function readSurface(): OurMethod[] {
  const roots = ['src/clients/management.ts', 'src/clients/authentication/client.ts'].map((f) => join(repository, f));
  const program = ts.createProgram(roots, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const srcDir = join(repository, 'src');
  const methods: OurMethod[] = [];
  const seenBodies = new Map<ts.Node, Transport>();

  const inSources = (node: ts.Node) => node.getSourceFile().fileName.startsWith(srcDir) && !node.getSourceFile().fileName.includes('/generated/');

  /** Collects what a function body sends, following calls into functions and methods of src/. */
  function transportOf(body: ts.Node, stack: Set<ts.Node> = new Set()): Transport {
    const cached = seenBodies.get(body);
    if (cached) return cached;
    const found: Transport = { graphql: new Set(), rest: new Set(), dynamic: new Set() };
    if (stack.has(body)) return found;
    stack.add(body);
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && node.text.endsWith('Document')) {
        const symbol = checker.getSymbolAtLocation(node);
        const declaration = symbol && (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol).declarations?.[0];
        if (declaration?.getSourceFile().fileName.endsWith('generated/graphql.ts')) found.graphql.add(node.text);
      }
      if (ts.isCallExpression(node)) {
        const callee = node.expression;
        if (ts.isPropertyAccessExpression(callee) && HTTP_METHODS.has(callee.name.text) && node.arguments[0]) {
          const path = checker.getTypeAtLocation(node.arguments[0]);
          if (path.isStringLiteral()) found.rest.add(`${callee.name.text} ${path.value}`);
          else found.dynamic.add(callee.name.text);
        }
        const symbol = checker.getSymbolAtLocation(ts.isPropertyAccessExpression(callee) ? callee.name : callee);
        const target = symbol && (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);
        for (const declaration of target?.declarations ?? []) {
          const fnBody = (declaration as ts.FunctionLikeDeclaration).body;
          if (!fnBody || !inSources(declaration)) continue;
          // A protocol call builds its URL at run time: its doc comment names the request (`@sends`),
          // or the page a URL builder's URL opens (`@opens`).
          for (const tag of ts.getJSDocTags(declaration)) {
            if ((tag.tagName.text === 'sends' || tag.tagName.text === 'opens') && typeof tag.comment === 'string') found.rest.add(tag.comment.trim());
          }
          const inner = transportOf(fnBody, stack);
          const paths = node.arguments.filter(ts.isStringLiteralLike).map((a) => a.text).filter((t) => t.startsWith('/'));
          merge(found, { ...inner, dynamic: paths.length > 0 ? new Set() : inner.dynamic });
          for (const method of paths.length > 0 ? inner.dynamic : []) for (const path of paths) found.rest.add(`${method} ${path}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(body);
    stack.delete(body);
    seenBodies.set(body, found);
    return found;
  }

  function readClass(declaration: ts.ClassDeclaration, prefix: string): void {
    for (const member of declaration.members) {
      const flags = ts.getCombinedModifierFlags(member);
      if (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected | ts.ModifierFlags.Static)) continue;
      if (!member.name || !ts.isIdentifier(member.name)) continue;
      const name = member.name.text;
      if (ts.isGetAccessorDeclaration(member)) {
        const type = checker.getTypeAtLocation(member);
        const classDeclaration = type.getSymbol()?.declarations?.find(ts.isClassDeclaration);
        if (classDeclaration && inSources(classDeclaration)) readClass(classDeclaration, `${prefix === 'mgmt' ? '' : `${prefix}.`}${name}`);
        continue;
      }
      if (ts.isMethodDeclaration(member) && member.body) methods.push({ key: `${prefix}.${name}`, transport: transportOf(member.body) });
    }
  }

  for (const [file, className, prefix] of [
    [roots[0]!, 'ManagementClient', 'mgmt'],
    [roots[1]!, 'AuthenticationClient', 'auth'],
  ] as const) {
    const source = program.getSourceFile(file);
    const declaration = source?.statements.find((s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === className);
    if (!declaration) throw new Error(`${className} not found in ${file}`);
    readClass(declaration, prefix);
  }
  return methods;
}

function merge(into: Transport, from: Transport): void {
  for (const d of from.graphql) into.graphql.add(d);
  for (const r of from.rest) into.rest.add(r);
  for (const m of from.dynamic) into.dynamic.add(m);
}

/** The key of an official row in our naming: the JS v4 name, a Python-only one camelCased. */
function keyOf(row: OfficialRow): string {
  const bare = row.method.replace(/\s*\*\(py only\)\*/, '').replace(/\s*\(.*\)$/, '');
  return bare.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** What authing-local serves, asked of its own resolvers and router. */
async function readServer(): Promise<{ graphql(root: 'Query' | 'Mutation', field: string): boolean; rest(method: string, path: string): boolean }> {
  const { resolvers } = await import('../server/src/graphql/resolvers/index.js');
  const { restHandlers } = await import('../server/src/rest/routes/index.js');
  const { openapiDocument } = await import('../server/src/generated/schema.js');
  const { OpenApiRouter } = await import('../server/src/rest/router.js');
  const { servesOidc } = await import('../server/src/oidc/routes.js');
  const { servesCas } = await import('../server/src/cas/routes.js');
  const { HOSTED_LOGOUT_PATH } = await import('../server/src/hosted/logout.js');
  const { servesSaml } = await import('../server/src/saml/routes.js');
  const router = new OpenApiRouter<unknown>(openapiDocument, restHandlers as never);
  const fields = resolvers as unknown as Record<string, Record<string, unknown> | undefined>;
  return {
    graphql: (root, field) => Boolean(fields[root]?.[field]),
    rest: (method, path) => {
      const bare = path.replaceAll(/\{[^}]*\}/g, 'p1').replace(/\?.*$/, '');
      if (servesOidc(method, bare) || servesCas(method, bare) || servesSaml(method, bare) || (method === 'GET' && bare === HOSTED_LOGOUT_PATH)) return true;
      try {
        return router.operationFor(method, path.replaceAll(/\{[^}]*\}/g, 'p1').replace(/\?.*$/, '')) !== null;
      } catch {
        return false; // 405: the path exists, the method does not
      }
    },
  };
}

/** The root fields (with their operation type) an operation document selects. */
async function documentRoots(): Promise<Map<string, Array<{ root: 'Query' | 'Mutation'; field: string; name: string }>>> {
  const generated = (await import('../src/generated/graphql.js')) as Record<string, unknown>;
  const roots = new Map<string, Array<{ root: 'Query' | 'Mutation'; field: string; name: string }>>();
  for (const [exportName, value] of Object.entries(generated)) {
    if (!exportName.endsWith('Document') || value === null || typeof value !== 'object') continue;
    const operation = parse(String(value)).definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
    if (!operation) continue;
    const root = operation.operation === 'mutation' ? 'Mutation' : 'Query';
    const fields = operation.selectionSet.selections.flatMap((s) => (s.kind === 'Field' ? [s.name.value] : []));
    roots.set(
      exportName,
      fields.map((field) => ({ root, field, name: operation.name?.value ?? field })),
    );
  }
  return roots;
}

/** The requests an official transport text names: `M createUser`, `Q getUserRoles→user`, `POST /api/v2/...`. */
function officialRequests(transport: string): Array<{ kind: 'graphql'; root: 'Query' | 'Mutation'; field: string } | { kind: 'rest'; method: string; path: string }> {
  const js = transport.startsWith('JS:') ? transport.slice(3).split(' / PY:')[0]! : transport;
  const requests: ReturnType<typeof officialRequests> = [];
  for (const m of js.matchAll(/\b([QM]) (\w+)(?:\s*\(\+WithCustomData\))?(?:→(\w+))?/g)) {
    requests.push({ kind: 'graphql', root: m[1] === 'M' ? 'Mutation' : 'Query', field: m[3] ?? m[2]! });
  }
  for (const m of js.matchAll(/\b(GET|POST|PUT|PATCH|DELETE)(?:\\?\|(?:GET|POST))? (\/[^\s;,]*)/g)) requests.push({ kind: 'rest', method: m[1]!, path: m[2]! });
  return requests;
}

const cell = (text: string) => text.replaceAll('|', '\\|');

/** Builds the whole document. */
export async function renderCoverage(): Promise<string> {
  const official = JSON.parse(readFileSync(join(repository, 'scripts/official-surface.json'), 'utf8')) as OfficialRow[];
  const ours = new Map(readSurface().map((m) => [m.key, m]));
  const server = await readServer();
  const roots = await documentRoots();

  const describeOurs = (method: OurMethod): { text: string; served: boolean } => {
    const parts: string[] = [];
    let served = method.transport.graphql.size + method.transport.rest.size > 0;
    for (const doc of [...method.transport.graphql].sort()) {
      for (const { root, field, name } of roots.get(doc) ?? []) {
        parts.push(`${root === 'Mutation' ? 'M' : 'Q'} ${name}${name === field ? '' : `→${field}`}`);
        served &&= server.graphql(root, field);
      }
    }
    for (const request of [...method.transport.rest].sort()) {
      parts.push(request);
      const [verb, path] = request.split(' ') as [string, string];
      served &&= server.rest(verb, path);
    }
    return { text: parts.join('; ') || 'no request', served };
  };

  const areas = new Map<string, OfficialRow[]>();
  for (const row of official) areas.set(row.area, [...(areas.get(row.area) ?? []), row]);
  const claimed = new Set<string>();
  const summary: string[] = [];
  const sections: string[] = [];
  let totalJs = 0;
  let oursJs = 0;
  let servedJs = 0;
  for (const [area, rows] of areas) {
    const lines = ['| method | JS v4 | Python v2 | official transport | ours: sends | served |', '|---|---|---|---|---|---|'];
    let have = 0;
    let served = 0;
    for (const row of rows) {
      const key = keyOf(row);
      const mine = ours.get(key);
      if (mine) claimed.add(key);
      // A URL builder's row names one page (`URL /oidc/auth — ...`): only that one of its pages counts.
      const page = /^URL (\/\S*)/.exec(row.transport)?.[1]?.replace(/\{[^}]*\}/g, '{}');
      const onePage = (m: OurMethod): OurMethod => {
        const opened = [...m.transport.rest].filter((r) => r.split(' ')[1]?.replace(/\{[^}]*\}/g, '{}') === page);
        return { ...m, transport: { ...m.transport, rest: new Set(opened) } };
      };
      const described = mine ? describeOurs(page ? onePage(mine) : mine) : undefined;
      const officialServed = officialRequests(row.transport).every((r) => (r.kind === 'graphql' ? server.graphql(r.root, r.field) : server.rest(r.method, r.path)));
      const isServed = described ? described.served : officialServed && officialRequests(row.transport).length > 0;
      if (mine) have++;
      if (isServed) served++;
      if (row.js) {
        totalJs++;
        if (mine) oursJs++;
        if (mine && isServed) servedJs++;
      }
      const js = row.js ? (row.since ? `yes (${row.since})` : 'yes') : '—';
      lines.push(`| ${cell(row.method)} | ${js} | ${cell(row.python ?? '—')} | ${cell(row.transport)} | ${described ? cell(described.text) : 'no'} | ${isServed ? 'yes' : 'no'} |`);
    }
    summary.push(`| ${area} | ${rows.length} | ${have} | ${served} |`);
    sections.push(`### ${area}\n\n${lines.join('\n')}`);
  }
  const extra = [...ours.values()].filter((m) => !claimed.has(m.key)).sort((a, b) => a.key.localeCompare(b.key));
  const extraLines = ['| method | sends | served |', '|---|---|---|'];
  for (const method of extra) {
    const { text, served } = describeOurs(method);
    extraLines.push(`| ${method.key} | ${cell(text)} | ${text === 'no request' ? '— (local)' : served ? 'yes' : 'no'} |`);
  }
  const percent = ((100 * oursJs) / totalJs).toFixed(1);
  return `<!-- Generated by scripts/coverage.ts (npm run coverage). Do not edit: test/scripts/coverage.test.ts fails when it drifts. -->
# Coverage of the official Authing SDKs

Every request-sending method of the official \`authing-js-sdk\` v4 (its source at v4.23.19-alpha.10,
plus the methods only the newest published 4.23.55 has) and the Python-only methods of
\`authing-py-sdk\` v2, one row each. **ours: sends** is read from our client classes (the GraphQL
operations and REST paths each public method sends, followed through the helpers it calls);
**served** asks authing-local's resolvers and REST router whether every one of those requests
has a handler (for a method we lack: the official transport's requests).

**JS v4 methods we have: ${oursJs} of ${totalJs} (${percent} %), ${servedJs} of them served by authing-local.**

| area | official methods | ours | served |
|---|---|---|---|
${summary.join('\n')}

## Per area

${sections.join('\n\n')}

## Ours beyond the official surface

Methods of our clients that no official row names (iterators, helpers, methods the official SDKs
keep under another name).

${extraLines.join('\n')}
`;
}

async function main(): Promise<void> {
  const text = await renderCoverage();
  const target = join(repository, TARGET);
  if (process.argv.includes('--check')) {
    const current = (() => {
      try {
        return readFileSync(target, 'utf8');
      } catch {
        return '';
      }
    })();
    if (current !== text) {
      console.error(`${TARGET} is out of date: run npm run coverage`);
      process.exit(1);
    }
    return;
  }
  writeFileSync(target, text);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
