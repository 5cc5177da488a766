/**
 * The bench's one summary: every part records its headline figures here (ours, the comparison
 * measured in the same run, the target), `npm run bench` prints them as one table at the end and
 * writes them, with the machine they ran on, to bench/results.json.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { heading, int, note, ratio, table } from './print.js';

/** A target: `lower` figures are better (`≤ value`), or `higher` ones (`≥ value`). */
export interface Target {
  better: 'lower' | 'higher';
  value: number;
}

export interface ResultRow {
  /** The bench part that measured it (`scale`, `http`, `start`, ...). */
  part: string;
  /** What was measured, e.g. `isAllowed p50 at 1,000,000 grants`. */
  measure: string;
  /** Unit of `ours`, `comparison.value` and `target.value`: `µs`, `ms`, `req/s`, `MB`, `B`, `×`. */
  unit: string;
  ours: number;
  /** The same measure taken of something else in the same run (the official SDK, Casbin, the reference evaluator). */
  comparison: { name: string; value: number } | null;
  target: Target | null;
}

const rows: ResultRow[] = [];

/** Records one figure for the summary table and results.json. `better` defaults to the target's. */
export function record(row: ResultRow): void {
  rows.push(row);
}

export function recorded(): readonly ResultRow[] {
  return rows;
}

/** How many times better ours is than the comparison (above 1: ours is better); null without one. */
export function advantage(row: ResultRow): number | null {
  if (!row.comparison || row.comparison.value === 0 || row.ours === 0) return null;
  const lowerIsBetter = (row.target?.better ?? 'lower') === 'lower';
  return lowerIsBetter ? row.comparison.value / row.ours : row.ours / row.comparison.value;
}

export function meets(row: ResultRow): boolean | null {
  if (!row.target) return null;
  return row.target.better === 'lower' ? row.ours <= row.target.value : row.ours >= row.target.value;
}

const figure = (value: number, unit: string): string => {
  const digits = Math.abs(value) >= 100 || Number.isInteger(value) ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${digits === 0 ? int(value) : value.toFixed(digits)} ${unit}`;
};

/** The summary table of everything recorded in this run. */
export function printResults(): void {
  if (rows.length === 0) return;
  heading('Summary: ours, the comparison in the same run, the ratio (above 1: ours better), the target');
  table(
    ['part', 'measure', 'ours', 'comparison', 'ratio', 'target', ''],
    rows.map((r) => {
      const adv = advantage(r);
      const met = meets(r);
      return [
        r.part,
        r.measure,
        figure(r.ours, r.unit),
        r.comparison ? `${figure(r.comparison.value, r.unit)} (${r.comparison.name})` : '–',
        adv === null ? '–' : `${ratio(adv)}×`,
        r.target ? `${r.target.better === 'lower' ? '≤' : '≥'} ${figure(r.target.value, r.unit)}` : '–',
        met === null ? '' : met ? 'ok' : 'MISSED',
      ];
    }),
  );
}

/** The machine a run was taken on, as the README quotes it. */
export function machine(): { cpu: string; cores: number; memoryGiB: number; node: string; platform: string } {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}/${process.arch}`,
  };
}

interface StoredRow extends ResultRow {
  ratio: number | null;
  met: boolean | null;
  takenAt: string;
}

/**
 * Writes the recorded rows to `file` (bench/results.json) with when and where they were taken. A run
 * of some parts replaces those parts' rows and keeps the others', so `npm run bench -- scale` does not
 * drop the HTTP figures.
 */
export function writeResults(file: string, parts: readonly string[]): void {
  if (rows.length === 0) return;
  const takenAt = new Date().toISOString();
  const ran = new Set(rows.map((r) => r.part));
  let kept: StoredRow[] = [];
  if (existsSync(file)) {
    try {
      const old = JSON.parse(readFileSync(file, 'utf8')) as { rows?: StoredRow[] };
      kept = (old.rows ?? []).filter((r) => !ran.has(r.part));
    } catch {
      kept = []; // an unreadable file is replaced whole
    }
  }
  const body = {
    takenAt,
    machine: machine(),
    parts,
    rows: [...kept, ...rows.map((r): StoredRow => ({ ...r, ratio: advantage(r), met: meets(r), takenAt }))],
  };
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
  note(`wrote ${file}`);
}

const README_START = '<!-- bench:start -->';
const README_END = '<!-- bench:end -->';

const cell = (value: number | null | undefined, unit: string): string => (value === null || value === undefined ? '–' : figure(value, unit));

/**
 * Rewrites the table between the README's bench markers from `results` (bench/results.json): every
 * row with where and when it was taken. Leaves the README alone when it has no markers.
 */
export function writeReadmeTable(readme: string, results: string): void {
  if (!existsSync(readme) || !existsSync(results)) return;
  const text = readFileSync(readme, 'utf8');
  const start = text.indexOf(README_START);
  const end = text.indexOf(README_END);
  if (start < 0 || end < start) return;
  const stored = JSON.parse(readFileSync(results, 'utf8')) as { machine: ReturnType<typeof machine>; rows: StoredRow[] };
  const m = stored.machine;
  const days = [...new Set(stored.rows.map((r) => r.takenAt.slice(0, 10)))].sort();
  const lines = [
    README_START,
    `Taken by \`npm run bench\` on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node} (${m.platform}), ${days.join(' and ')}; ratio above 1: ours better.`,
    '',
    '| part | measure | ours | comparison (same run) | ratio | target | |',
    '| --- | --- | ---: | ---: | ---: | ---: | --- |',
    ...stored.rows.map((r) =>
      [
        r.part,
        r.measure,
        cell(r.ours, r.unit),
        r.comparison ? `${cell(r.comparison.value, r.unit)} (${r.comparison.name})` : '–',
        r.ratio === null ? '–' : `${ratio(r.ratio)}×`,
        r.target ? `${r.target.better === 'lower' ? '≤' : '≥'} ${cell(r.target.value, r.unit)}` : '–',
        r.met === null ? '' : r.met ? 'ok' : 'missed',
      ]
        .map((c) => c.replaceAll('|', '\\|'))
        .join(' | ')
        .replace(/^/, '| ')
        .concat(' |'),
    ),
    README_END,
  ];
  writeFileSync(readme, text.slice(0, start) + lines.join('\n') + text.slice(end + README_END.length));
  note(`updated the bench table in ${readme}`);
}
