/**
 * What the installed declaration files promise, read with the TypeScript compiler API the way a
 * consumer's compiler reads them: each entry point resolved from an `.mts` file (import
 * condition → .d.ts) and from a `.cts` file (require condition → .d.cts) inside the app.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

export type Format = 'import' | 'require';

export interface DeclaredExport {
  name: string;
  /** Usable as a value by `import { name }` / `require()`: what must exist at run time. */
  value: boolean;
  /** Declared as a class or function: must be a function at run time. */
  callable: boolean;
}

export interface DeclaredEntry {
  /** The declaration file the compiler resolved the specifier to. */
  resolvedFileName: string | undefined;
  exports: DeclaredExport[];
  /** Diagnostics of the probe file (an unresolvable entry shows up here). */
  diagnostics: string[];
}

/** Whether an export is reachable only as a type: any alias on its chain is `export type` / `import type`. */
function isTypeOnly(checker: ts.TypeChecker, symbol: ts.Symbol): boolean {
  let current: ts.Symbol | undefined = symbol;
  for (let hops = 0; current && current.flags & ts.SymbolFlags.Alias && hops < 100; hops++) {
    if (current.declarations?.some((d) => ts.isTypeOnlyImportOrExportDeclaration(d))) return true;
    current = checker.getImmediateAliasedSymbol(current);
  }
  return false;
}

/**
 * Lists the exports of every specifier in both formats. A value export is one whose target has a
 * value meaning (class, function, const, enum) and is not re-exported type-only. (`export type *`
 * in a declaration file would make its names look like values here; the bundled .d.ts files use
 * `export { type X }`, and the error would be a false alarm, never a missed phantom export.)
 */
export function declaredExports(appDir: string, specifiers: readonly string[]): Record<Format, Record<string, DeclaredEntry>> {
  const probeDir = join(appDir, 'probe');
  mkdirSync(probeDir, { recursive: true });
  const files: Record<Format, string> = { import: join(probeDir, 'exports.mts'), require: join(probeDir, 'exports.cts') };
  const source = `${specifiers.map((s, i) => `import * as entry${i} from '${s}';`).join('\n')}\nexport { ${specifiers.map((_, i) => `entry${i}`).join(', ')} };\n`;
  for (const file of Object.values(files)) writeFileSync(file, source);

  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  const program = ts.createProgram(Object.values(files), options);
  const checker = program.getTypeChecker();
  const result = { import: {}, require: {} } as Record<Format, Record<string, DeclaredEntry>>;
  for (const [format, file] of Object.entries(files) as Array<[Format, string]>) {
    const sourceFile = program.getSourceFile(file);
    if (!sourceFile) throw new Error(`TypeScript did not load ${file}`);
    const diagnostics = ts
      .getPreEmitDiagnostics(program, sourceFile)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    const imports = sourceFile.statements.filter(ts.isImportDeclaration);
    specifiers.forEach((specifier, i) => {
      const resolution = ts.resolveModuleName(specifier, file, options, ts.sys, undefined, undefined, format === 'import' ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS);
      const moduleSymbol = checker.getSymbolAtLocation(imports[i]!.moduleSpecifier);
      const exports = (moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : []).map((symbol): DeclaredExport => {
        const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
        return {
          name: symbol.name,
          value: Boolean(target.flags & ts.SymbolFlags.Value) && !isTypeOnly(checker, symbol),
          callable: Boolean(target.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Function)),
        };
      });
      result[format][specifier] = {
        resolvedFileName: resolution.resolvedModule?.resolvedFileName,
        exports: exports.sort((a, b) => a.name.localeCompare(b.name)),
        diagnostics,
      };
    });
  }
  return result;
}

/** Run-time exports (name → typeof) as the apps report them. */
export type RuntimeExports = Record<string, Record<string, string>>;

export interface ExportMismatch {
  /** Declared as values in the .d.ts/.d.cts, absent at run time: `import { X }` type-checks, then fails. */
  missingAtRunTime?: string[];
  /** Declared as a class or function, but not a function at run time. */
  notAFunctionAtRunTime?: string[];
  /** Present at run time but not declared as values: unusable from TypeScript. */
  notInTypes?: string[];
}

/** Compares declarations with what an app found at run time; only entries with a mismatch are listed. */
export function compareExports(declared: Record<string, DeclaredEntry>, runtime: RuntimeExports): Record<string, ExportMismatch> {
  const problems: Record<string, ExportMismatch> = {};
  for (const [specifier, entry] of Object.entries(declared)) {
    const actual = runtime[specifier] ?? {};
    const values = entry.exports.filter((e) => e.value);
    const mismatch: ExportMismatch = {};
    const missing = values.filter((e) => actual[e.name] === undefined || actual[e.name] === 'undefined').map((e) => e.name);
    const notCallable = values.filter((e) => e.callable && actual[e.name] !== undefined && actual[e.name] !== 'undefined' && actual[e.name] !== 'function').map((e) => e.name);
    const undeclared = Object.keys(actual).filter((name) => !values.some((e) => e.name === name));
    if (missing.length) mismatch.missingAtRunTime = missing;
    if (notCallable.length) mismatch.notAFunctionAtRunTime = notCallable;
    if (undeclared.length) mismatch.notInTypes = undeclared;
    if (Object.keys(mismatch).length) problems[specifier] = mismatch;
  }
  return problems;
}
