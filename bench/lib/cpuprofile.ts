/**
 * Summary of a V8 .cpuprofile (from `node --cpu-prof`): self time per function and per file,
 * so a hot spot can be named in a report without opening DevTools.
 */
export interface CpuProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly hitCount?: number;
  readonly children?: readonly number[];
}
export interface CpuProfile {
  readonly nodes: readonly CpuProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

export interface HotSpot {
  readonly name: string;
  readonly selfMs: number;
  readonly selfPct: number;
  /** Inclusive time (self + callees), ms. Only for functions. */
  readonly totalMs?: number;
}

function shortUrl(url: string, root: string): string {
  return url.replace('file://', '').replace(root, '').replace(/^.*node_modules\//, 'node_modules/');
}

/** Top functions by self time, top files by self time, and top functions by inclusive time. */
export function summariseProfile(profile: CpuProfile, root: string, top = 20): { totalMs: number; functions: HotSpot[]; files: HotSpot[]; inclusive: HotSpot[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i] as number;
    selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, deltas[i] ?? 0));
  }
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0) || 1;
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const fnKey = (n: CpuProfileNode): string =>
    `${n.callFrame.functionName || '(anonymous)'} ${shortUrl(n.callFrame.url, root)}:${n.callFrame.lineNumber + 1}`;
  const fnSelf = new Map<string, number>();
  const fileSelf = new Map<string, number>();
  const fnTotal = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const n = byId.get(id);
    if (!n) continue;
    const key = n.callFrame.url ? fnKey(n) : n.callFrame.functionName || '(program)';
    fnSelf.set(key, (fnSelf.get(key) ?? 0) + us);
    const file = n.callFrame.url ? shortUrl(n.callFrame.url, root) : n.callFrame.functionName || '(native)';
    fileSelf.set(file, (fileSelf.get(file) ?? 0) + us);
    // Inclusive: credit each distinct function on the stack once.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const c = byId.get(cur);
      if (!c || !c.callFrame.url) continue;
      const k = fnKey(c);
      if (seen.has(k)) continue;
      seen.add(k);
      fnTotal.set(k, (fnTotal.get(k) ?? 0) + us);
    }
  }
  const list = (m: Map<string, number>): HotSpot[] =>
    [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, us]) => ({ name, selfMs: us / 1000, selfPct: (100 * us) / totalUs }));
  return {
    totalMs: totalUs / 1000,
    functions: list(fnSelf),
    files: list(fileSelf),
    inclusive: list(fnTotal).map((h) => ({ name: h.name, selfMs: h.selfMs, selfPct: h.selfPct, totalMs: h.selfMs })),
  };
}
