/** A page of a listing, the shape most Authing listings answer with. */
export interface Page<T> {
  totalCount: number;
  list: T[];
}

export interface PageWindow {
  offset: number;
  /** null = no limit. */
  limit: number | null;
}

/**
 * Normalizes `page`/`limit` as the wire sends them: page starts at 1 (anything lower is 1),
 * limit defaults to 10, and a limit below 1 (Authing's `-1`) means every row.
 */
export function pageWindow(page?: number | null, limit?: number | null): PageWindow {
  const p = Math.max(1, Math.floor(page ?? 1) || 1);
  const l = limit === undefined || limit === null || Number.isNaN(limit) ? 10 : Math.floor(limit);
  if (l < 1) return { offset: 0, limit: null };
  return { offset: (p - 1) * l, limit: l };
}

/** Applies a window to rows already in memory. */
export function slicePage<T>(rows: readonly T[], page?: number | null, limit?: number | null): Page<T> {
  const w = pageWindow(page, limit);
  return { totalCount: rows.length, list: rows.slice(w.offset, w.limit === null ? undefined : w.offset + w.limit) };
}
