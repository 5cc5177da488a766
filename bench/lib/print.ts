/** Output helpers: headed sections and aligned tables, so every measurement prints alike. */

export function heading(title: string): void {
  console.log(`\n== ${title} ${'='.repeat(Math.max(0, 96 - title.length))}`);
}

export function note(text: string): void {
  console.log(`   ${text}`);
}

/** Prints rows aligned in columns; the first column is left-aligned, the others right-aligned. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): void {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const line = (r: readonly string[]) =>
    `   ${r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  ')}`.trimEnd();
  console.log(line(header));
  console.log(`   ${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const r of rows) console.log(line(r));
}

export const int = (n: number): string => Math.round(n).toLocaleString('en-US');
export const ms = (n: number, digits = 1): string => `${n.toFixed(digits)} ms`;
export const ratio = (n: number): string => (Number.isFinite(n) ? n.toFixed(2) : '–');

/** `ok` or `OVER` next to a target, e.g. `ok (≤ 40 ms)`. */
export function verdict(pass: boolean, target: string): string {
  return `${pass ? 'ok' : 'MISSED'} (${target})`;
}
