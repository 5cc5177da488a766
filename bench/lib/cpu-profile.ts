/**
 * Summaries of a V8 CPU profile (`.cpuprofile`, as node:inspector's `Profiler.stop` or
 * `node --cpu-prof` writes it): the functions with the most self time, and self time per area
 * (node's internals, graphql, yoga, kysely, libsql, authing-local's own code, ...), as shares of
 * the samples taken while the process was busy (idle samples are reported apart).
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileLine {
  /** Function name, `(anonymous)` for none. */
  name: string;
  /** Where it is, shortened: `graphql/execution/execute.js:120`, `server/src/app.ts:88`, `node:internal/...`. */
  where: string;
  /** Share of the busy samples, in percent. */
  percent: number;
}

export interface ProfileSummary {
  samples: number;
  /** Share of all samples the process was idle (waiting in the event loop), in percent. */
  idlePercent: number;
  top: ProfileLine[];
  /** Self time per area, in percent of the busy samples, largest first. */
  areas: Array<{ area: string; percent: number }>;
}

const ROOT = process.cwd();

function shortPath(url: string): string {
  if (!url) return '';
  if (url.startsWith('node:')) return url;
  let path = url;
  try {
    if (url.startsWith('file:')) path = fileURLToPath(url);
  } catch {
    return url;
  }
  const at = path.lastIndexOf('node_modules/');
  if (at >= 0) return path.slice(at + 'node_modules/'.length);
  return path.startsWith(ROOT) ? relative(ROOT, path) : path;
}

/** The area of a frame: a package under node_modules, node itself, our server, or V8's own buckets. */
function areaOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node (internals)';
  const path = shortPath(url);
  if (path.startsWith('server/src/')) return `authing-local ${path.split('/')[2]?.replace(/\.ts$/, '') ?? ''}`.trim();
  if (path.startsWith('src/')) return 'authing-ts';
  const parts = path.split('/');
  const scoped = parts[0]?.startsWith('@');
  return (scoped ? parts.slice(0, 2).join('/') : parts[0]) ?? path;
}

const IDLE = new Set(['(idle)']);

/** Self time per function (name and position), the top `count`, and per area. */
export function summarizeProfile(profile: CpuProfile, count = 12): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const hits = new Map<number, number>();
  if (profile.samples?.length) {
    for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  } else {
    for (const n of profile.nodes) hits.set(n.id, n.hitCount ?? 0);
  }
  let total = 0;
  let idle = 0;
  const byFunction = new Map<string, { name: string; where: string; hits: number }>();
  const byArea = new Map<string, number>();
  for (const [id, n] of hits) {
    const node = byId.get(id);
    if (!node || n === 0) continue;
    total += n;
    const frame = node.callFrame;
    if (IDLE.has(frame.functionName)) {
      idle += n;
      continue;
    }
    const where = frame.url ? `${shortPath(frame.url)}:${frame.lineNumber + 1}` : '';
    const name = frame.functionName || '(anonymous)';
    const key = `${name}\u0000${where}`;
    const entry = byFunction.get(key) ?? { name, where, hits: 0 };
    entry.hits += n;
    byFunction.set(key, entry);
    const area = areaOf(frame);
    byArea.set(area, (byArea.get(area) ?? 0) + n);
  }
  const busy = Math.max(1, total - idle);
  const top = [...byFunction.values()]
    .sort((a, b) => b.hits - a.hits)
    .slice(0, count)
    .map((e) => ({ name: e.name, where: e.where, percent: (100 * e.hits) / busy }));
  const areas = [...byArea.entries()].sort((a, b) => b[1] - a[1]).map(([area, n]) => ({ area, percent: (100 * n) / busy }));
  return { samples: total, idlePercent: total ? (100 * idle) / total : 0, top, areas };
}
