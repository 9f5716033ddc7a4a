// Organization names as office staff write them in a path: "Chi bộ TDP số 1 — P. Kim Liên —
// Q. Đống Đa". Paths come from GET /api/orgs/paths (batched, cached for the page's life) or from
// the `parents` of a search result.
import { useEffect, useState } from 'preact/hooks';
import { request, type OrgRef } from './api';

export interface OrgPath {
  id: number; name: string; code?: string; alive: boolean; parents: OrgRef[];
  ended_on?: string; last_day?: string; end_kind?: 'merge' | 'dissolve'; into?: OrgRef;
}

const UNIT: [RegExp, string][] = [
  [/^Đảng bộ thành phố\s+/iu, 'TP. '],
  [/^Đảng bộ thị xã\s+/iu, 'TX. '],
  [/^Đảng bộ thị trấn\s+/iu, 'TT. '],
  [/^Đảng bộ phường\s+/iu, 'P. '],
  [/^Đảng bộ quận\s+/iu, 'Q. '],
  [/^Đảng bộ huyện\s+/iu, 'H. '],
  [/^Đảng bộ xã\s+/iu, 'X. '],
  [/^Đảng bộ tỉnh\s+/iu, 'T. '],
];

/** The usual short form of one name: "Tổ dân phố" → "TDP"; as a parent, "Đảng bộ phường X" → "P. X". */
export function shortOrgName(name: string, asParent = false): string {
  let s = name.replace(/Tổ dân phố/giu, 'TDP');
  if (asParent) for (const [re, abbr] of UNIT) if (re.test(s)) { s = s.replace(re, abbr); break; }
  return s;
}

/** "Chi bộ TDP số 1 — P. Kim Liên — Q. Đống Đa" (parents nearest first). */
export function pathLabel(name: string, parents: OrgRef[] | undefined): string {
  return [shortOrgName(name), ...(parents ?? []).map((p) => shortOrgName(p.name, true))].join(' — ');
}

/** The parents part only: "P. Kim Liên — Q. Đống Đa". */
export function parentsLabel(parents: OrgRef[] | undefined): string {
  return (parents ?? []).map((p) => shortOrgName(p.name, true)).join(' — ');
}

const cache = new Map<number, OrgPath | null>();
const waiting = new Map<number, ((p: OrgPath | null) => void)[]>();
let timer: ReturnType<typeof setTimeout> | null = null;

function flush(): void {
  timer = null;
  const ids = [...waiting.keys()];
  for (let i = 0; i < ids.length; i += 200) {
    const chunk = ids.slice(i, i + 200);
    request<{ items: OrgPath[] }>('GET', `/api/orgs/paths?ids=${chunk.join(',')}`).then(
      (r) => {
        const got = new Map(r.items.map((p) => [p.id, p]));
        for (const id of chunk) settle(id, got.get(id) ?? null);
      },
      () => { for (const id of chunk) settle(id, null); },
    );
  }
}

function settle(id: number, p: OrgPath | null): void {
  cache.set(id, p);
  const fns = waiting.get(id) ?? [];
  waiting.delete(id);
  fns.forEach((fn) => fn(p));
}

/** The path of an organization (null while loading, when unknown or out of scope). */
export function useOrgPath(id: number | null | undefined): OrgPath | null {
  const [p, setP] = useState<OrgPath | null>(() => (id ? cache.get(id) ?? null : null));
  useEffect(() => {
    if (!id) { setP(null); return; }
    if (cache.has(id)) { setP(cache.get(id) ?? null); return; }
    let live = true;
    const fns = waiting.get(id) ?? [];
    fns.push((v) => { if (live) setP(v); });
    waiting.set(id, fns);
    if (!timer) timer = setTimeout(flush, 10);
    return () => { live = false; };
  }, [id]);
  return p;
}

/** Forget cached paths (after an organization changed). */
export function forgetOrgPaths(): void { cache.clear(); }

/** Paths of many organizations at once (for exports), through the same cache. */
export async function orgPaths(ids: number[]): Promise<Map<number, OrgPath>> {
  const want = [...new Set(ids)].filter((id) => !cache.has(id));
  for (let i = 0; i < want.length; i += 200) {
    const chunk = want.slice(i, i + 200);
    const r = await request<{ items: OrgPath[] }>('GET', `/api/orgs/paths?ids=${chunk.join(',')}`);
    const got = new Map(r.items.map((p) => [p.id, p]));
    for (const id of chunk) cache.set(id, got.get(id) ?? null);
  }
  const out = new Map<number, OrgPath>();
  for (const id of ids) { const p = cache.get(id); if (p) out.set(id, p); }
  return out;
}
