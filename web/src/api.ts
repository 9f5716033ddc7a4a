// Thin client for the tcxd HTTP API (docs/api-contract.md). Same-origin cookies carry the session;
// every mutating request sends the CSRF token received at login or from GET /api/me.
import { getLang } from './i18n';

export interface OrgRef { id: number; name: string }
export interface Scope { id: number; code: string; name: string }
export interface User { username: string; full_name: string; role: 'admin' | 'staff' | 'viewer'; scope: Scope }
export interface Session { user: User; csrf: string }

export interface Counts {
  members?: number; official?: number; probationary?: number; children?: number;
  base_orgs?: number; partial_committees?: number; branches?: number;
  [k: string]: number | undefined;
}

export interface Org {
  id: number; code: string; name: string;
  tier: string; form: string; kind: string; kind_label?: string; base_type?: string | null;
  parent_id?: number | null; valid_from?: string | null; valid_to?: string | null;
  path?: OrgRef[]; counts?: Counts; member_count?: number; child_count?: number;
}

export interface List<T> { items: T[]; total?: number; page?: number; page_size?: number }

export interface MemberSummary {
  id: number; full_name: string; gender: string; birth_date: string | null; status: string;
  org: OrgRef | null; party_age_years?: number | null; temporary?: boolean;
}

export interface MemberEvent {
  id: number; date: string; kind: string; decision_no?: string | null; detail?: string | null; org?: OrgRef | null;
  form?: string | null; until?: string | null; label?: string; decision_date?: string | null;
}

export interface MemberDetail extends MemberSummary {
  ethnicity?: string; religion?: string; hometown?: string; national_id?: string; education?: string;
  professional_level?: string; theory_level?: string; admission_decision_date?: string | null;
  ceremony_date?: string | null; official_date?: string | null; party_card_no?: string | null;
  died_on?: string | null; exempt?: boolean; events?: MemberEvent[];
}

export interface DueMember extends MemberSummary {
  due_date: string; overdue: boolean; working_days_late?: number; deadline?: string | null; days_left?: number;
}

export interface BreakdownItem {
  key: string; label: string; count: number;
  by_gender?: Record<string, number>; nam?: number; nu?: number; male?: number; female?: number;
}

export interface StructureReport {
  sentence: string;
  counts: Counts;
  breakdowns: Record<string, BreakdownItem[]>;
  compare?: { as_of: string; counts: Counts; sentence?: string } | null;
  as_of?: string;
}

export interface ImportReport {
  ok: boolean; rows: number;
  errors: { line: number; column?: string | number | null; field?: string | null; message: string }[];
}

export class ApiError extends Error {
  status: number;
  code: string;
  field: string;
  constructor(status: number, code: string, message: string, field = '') {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

let csrf = '';
let onUnauthorized: () => void = () => {};

export function setCsrf(token: string): void { csrf = token; }
export function setUnauthorizedHandler(fn: () => void): void { onUnauthorized = fn; }

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, q?: Query): string {
  if (!q) return path;
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === '') continue;
    sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `${path}?${s}` : path;
}

async function request<T>(method: string, path: string, body?: unknown, contentType?: string): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': getLang() };
  let payload: BodyInit | undefined;
  if (body !== undefined) {
    if (contentType) {
      headers['Content-Type'] = contentType;
      payload = body as BodyInit;
    } else {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
  }
  if (method !== 'GET' && method !== 'HEAD' && path !== '/api/login') headers['X-CSRF-Token'] = csrf;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const e = (data as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
    if (res.status === 401 && path !== '/api/login' && path !== '/api/me') onUnauthorized();
    throw new ApiError(res.status, e?.code ?? 'internal', e?.message ?? res.statusText, e?.field ?? '');
  }
  return data as T;
}

export const api = {
  login: (username: string, password: string) => request<Session>('POST', '/api/login', { username, password }),
  logout: () => request<unknown>('POST', '/api/logout', {}),
  me: () => request<Session>('GET', '/api/me'),
  changePassword: (old_password: string, new_password: string) =>
    request<unknown>('POST', '/api/me/password', { old_password, new_password }),

  rootOrg: () => request<Org>('GET', '/api/orgs/root'),
  org: (id: number, asOf?: string) => request<Org>('GET', withQuery(`/api/orgs/${id}`, { as_of: asOf })),
  orgChildren: (id: number) => request<List<Org>>('GET', `/api/orgs/${id}/children`),
  orgHistory: (id: number) =>
    request<List<{ date: string; kind: string; decision_no?: string; detail?: string }>>('GET', `/api/orgs/${id}/history`),
  searchOrgs: (q: string, page = 1) => request<List<Org>>('GET', withQuery('/api/orgs', { q, page })),

  members: (q: Query) => request<List<MemberSummary>>('GET', withQuery('/api/members', q)),
  member: (id: number) => request<MemberDetail>('GET', `/api/members/${id}`),
  admit: (body: unknown) => request<MemberDetail>('POST', '/api/members', body),
  memberAction: (id: number, action: string, body: unknown) =>
    request<MemberDetail>('POST', `/api/members/${id}/${action}`, body),
  due: (q: Query) => request<List<DueMember> & { overdue?: number }>('GET', withQuery('/api/members/due', q)),

  structure: (q: Query) => request<StructureReport>('GET', withQuery('/api/reports/structure', q)),
  importMembers: (bytes: ArrayBuffer, contentType: string, dryRun: boolean) =>
    request<ImportReport>('POST', `/api/import/members?dry_run=${dryRun ? 1 : 0}`, bytes, contentType),
};
