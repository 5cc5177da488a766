/**
 * Reads the `@example` blocks of the public API from the sources and turns each into a module
 * that the tests type-check against the built declaration files (dist/*.d.ts), the types users
 * get from the published package.
 */
import ts from 'typescript';

/** The files whose exported classes are the public API. */
export const PUBLIC_SOURCES = [
  'src/index.ts',
  'src/management.ts',
  'src/authentication.ts',
  'src/errors.ts',
  'src/clients/management.ts',
  'src/clients/authentication/client.ts',
  'src/clients/authentication/qrcode.ts',
  'src/clients/authentication/principal.ts',
  'src/clients/authentication/mfa.ts',
  'src/clients/users/client.ts',
  'src/clients/roles/client.ts',
  'src/clients/groups.ts',
  'src/clients/policies.ts',
  'src/clients/org/client.ts',
  'src/clients/acl/client.ts',
  'src/clients/udf.ts',
  'src/clients/userpool.ts',
  'src/clients/whitelist.ts',
  'src/clients/applications/client.ts',
  'src/clients/tenant/client.ts',
  'src/clients/mfa.ts',
  'src/clients/principal.ts',
  'src/clients/statistics.ts',
  'src/clients/user-action.ts',
  'src/clients/event.ts',
  'src/clients/tenant/client.ts',
  'src/clients/authentication/event.ts',
];

/** One documented member and its examples. */
export interface DocumentedMember {
  /** `ClassName.method`, `ClassName` or the file for a module comment. */
  name: string;
  /** Whether it is a public method (which must have an example). */
  isMethod: boolean;
  examples: string[];
}

/**
 * Every public class, public method and module doc comment of the sources.
 * @param root - the repository
 * @returns one entry per documented member
 */
export function readExamples(root: string): DocumentedMember[] {
  const files = PUBLIC_SOURCES.map((f) => `${root}/${f}`);
  const program = ts.createProgram(files, { target: ts.ScriptTarget.ES2022, noResolve: true });
  program.getTypeChecker(); // binds the files, which sets the parent links the JSDoc readers need
  const members: DocumentedMember[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`cannot read ${file}`);
    const first = source.statements[0];
    const moduleDoc = first ? ts.getJSDocCommentsAndTags(first).filter(ts.isJSDoc)[0] : undefined;
    if (moduleDoc) members.push({ name: file.slice(root.length + 1), isMethod: false, examples: examplesOf(moduleDoc.tags) });
    for (const statement of source.statements) {
      if (!ts.isClassDeclaration(statement) || !statement.name) continue;
      const className = statement.name.text;
      members.push({ name: className, isMethod: false, examples: examplesOf(ts.getJSDocTags(statement)) });
      // An overloaded method is documented on its signatures; its implementation is not public.
      const overloaded = new Set(statement.members.flatMap((m) => (ts.isMethodDeclaration(m) && !m.body && ts.isIdentifier(m.name) ? [m.name.text] : [])));
      for (const member of statement.members) {
        if (!ts.isMethodDeclaration(member) || !ts.isIdentifier(member.name)) continue;
        if (member.body && overloaded.has(member.name.text)) continue;
        const flags = ts.getCombinedModifierFlags(member);
        if (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected | ts.ModifierFlags.Static)) continue;
        members.push({ name: `${className}.${member.name.text}`, isMethod: true, examples: examplesOf(ts.getJSDocTags(member)) });
      }
    }
  }
  return members;
}

function examplesOf(tags: readonly ts.JSDocTag[] | undefined): string[] {
  return (tags ?? [])
    .filter((tag) => tag.tagName.text === 'example')
    .map((tag) => (typeof tag.comment === 'string' ? tag.comment : ts.getTextOfJSDocComment(tag.comment) ?? ''))
    .map((text) => text.replace(/^```\w*\n?|```$/g, '').trim());
}

/**
 * What an example may use without declaring it: the clients and a few ids, as in the docs' prose.
 * Types come from the package under test.
 */
const PRELUDE = `import type * as sdk from 'authing-ts';
declare const management: sdk.ManagementClient;
declare const auth: sdk.AuthenticationClient;
declare const userId: string;
declare const appId: string;
declare const orgId: string;
declare const nodeId: string;
declare const parentNodeId: string;
declare const rootNodeId: string;
declare const accountId: string;
declare const resourceId: string;
`;

/**
 * One example as a module: its imports first, then its statements inside an async function.
 * @param example - the example's code
 * @returns the module text
 */
export function exampleModule(example: string): string {
  const lines = example.split('\n');
  const imports = lines.filter((line) => /^import\s/.test(line));
  const body = lines.filter((line) => !/^import\s/.test(line));
  return `${imports.join('\n')}\n${PRELUDE}\nexport async function example(): Promise<void> {\n${body.map((l) => `  ${l}`).join('\n')}\n}\n`;
}

/**
 * Type-checks modules against the built declarations.
 * @param root - the repository (its dist/ is what `authing-ts` resolves to)
 * @param modules - file name → text
 * @returns the diagnostics, formatted, per file name
 */
export function typeCheck(root: string, modules: Map<string, string>): Map<string, string[]> {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    types: [],
    skipLibCheck: true,
    noUnusedLocals: false,
    paths: { 'authing-ts': [`${root}/dist/index.d.ts`], 'authing-ts/*': [`${root}/dist/*.d.ts`] },
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (name) => modules.get(name) ?? readFile(name);
  host.fileExists = (name) => modules.has(name) || fileExists(name);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language) => {
    const text = modules.get(name);
    return text === undefined ? getSourceFile(name, language) : ts.createSourceFile(name, text, language);
  };
  const program = ts.createProgram([...modules.keys()], options, host);
  const result = new Map<string, string[]>();
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const name = diagnostic.file?.fileName ?? '(global)';
    const line = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1 : 0;
    const list = result.get(name) ?? [];
    list.push(`line ${line}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
    result.set(name, list);
  }
  return result;
}
