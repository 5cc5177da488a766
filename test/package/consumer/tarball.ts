/** Checks of what a tarball holds, against what its package.json promises. */
import { posix } from 'node:path';

export interface PackageJson {
  name: string;
  main?: string;
  types?: string;
  bin?: string | Record<string, string>;
  exports?: unknown;
  files?: string[];
}

/** Every file package.json points at (main, types, bin, each exports target), without `./`. */
export function referencedFiles(pkg: PackageJson): string[] {
  const found = new Set<string>();
  const add = (path: string) => found.add(posix.normalize(path));
  const walk = (node: unknown) => {
    if (typeof node === 'string') add(node);
    else if (node && typeof node === 'object') Object.values(node).forEach(walk);
  };
  if (pkg.main) add(pkg.main);
  if (pkg.types) add(pkg.types);
  walk(pkg.bin);
  walk(pkg.exports);
  return [...found].sort();
}

/** A `files` pattern as a RegExp over package paths (`**` any depth, `*` within one segment). */
function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/^\.?\//, '')
    .split(/(\*\*\/|\*\*|\*)/)
    .map((part) => (part === '**/' ? '(?:.*/)?' : part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}(?:/.*)?$`);
}

/** Files the negated `files` entries (`!dist/**\/*.map`) exclude, that are in the tarball anyway. */
export function excludedButPacked(pkg: PackageJson, paths: string[]): string[] {
  const negations = (pkg.files ?? []).filter((f) => f.startsWith('!')).map((f) => globToRegExp(f.slice(1)));
  return paths.filter((p) => negations.some((re) => re.test(p)));
}

/** What never belongs in a published package: sources, tests, configs, local data. */
export function unpublishable(paths: string[]): string[] {
  return paths.filter(
    (p) =>
      /^(src|test|tests|examples|scripts|schema|bench|server|coverage|\.authing-local)\//.test(p) ||
      /(^|\/)(tsconfig[^/]*\.json|tsup\.config\.[cm]?[jt]s|vitest\.config\.[cm]?[jt]s|codegen\.yml|\.env[^/]*)$/.test(p) ||
      /\.(test|spec|test-d)\.[cm]?[jt]sx?$/.test(p) ||
      (/\.[cm]?tsx?$/.test(p) && !/\.d\.[cm]?ts$/.test(p)) ||
      /\.db(-journal)?$/.test(p),
  );
}

/** `//# sourceMappingURL=` comments of shipped JS that name a file the tarball does not have. */
export function danglingSourceMaps(files: Record<string, string>, paths: string[]): string[] {
  const dangling = new Set<string>();
  for (const [path, text] of Object.entries(files)) {
    for (const [, url] of text.matchAll(/\/\/# sourceMappingURL=(\S+)/g)) {
      if (url!.startsWith('data:')) continue;
      const target = posix.join(posix.dirname(path), url!);
      if (!paths.includes(target)) dangling.add(`${path} → ${target}`);
    }
  }
  return [...dangling].sort();
}

/** Relative Markdown links of a README that lead nowhere once it is on npm (outside the package). */
export function brokenReadmeLinks(readme: string, paths: string[]): string[] {
  const broken: string[] = [];
  for (const [, target] of readme.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    if (/^([a-z][a-z0-9+.-]*:|#)/i.test(target!)) continue;
    const file = posix.normalize(target!.split('#')[0]!.replace(/^\.\//, ''));
    if (!paths.includes(file) && !paths.some((p) => p.startsWith(`${file.replace(/\/$/, '')}/`))) broken.push(target!);
  }
  return broken;
}
