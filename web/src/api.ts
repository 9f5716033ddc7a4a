// Thin client for the tcxd HTTP API (docs/api-contract.md). Same-origin cookies carry the session;
// every mutating request sends the CSRF token received at login or from GET /api/me.
import { getLang } from './i18n';

export interface OrgRef { id: number; name: string }
export interface Scope { id: number; code: string; name: string }
export interface User { username: string; full_name: string; role: 'admin' | 'staff' | 'viewer'; scope: Scope; permissions?: string[] }
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
  path?: OrgRef[]; parents?: OrgRef[]; counts?: Counts; member_count?: number; child_count?: number;
}

export interface List<T> { items: T[]; total?: number; page?: number; page_size?: number }

export interface MemberSummary {
  id: number; full_name: string; gender: string; birth_date: string | null; status: string;
  org: OrgRef | null; party_age_years?: number | null; temporary?: boolean;
}

export interface MemberEvent {
  id: number; date: string; kind: string; decision_no?: string | null; detail?: string | null; org?: OrgRef | null;
  form?: string | null; until?: string | null; label?: string; decision_date?: string | null;
  scope?: string; place?: string;
}

/** One field of the member record (GET /api/members/fields: core/member_record.h's table). */
export interface MemberFieldDef {
  key: string; label: string; option: string; kind: 'text' | 'date' | 'enum' | 'national_id' | 'digits';
  max: number; required: boolean; not_future: boolean; profile: boolean; default: string | null;
  values?: { name: string; label: string }[];
}

export interface MemberDetail extends MemberSummary {
  ethnicity?: string; religion?: string; hometown?: string; national_id?: string; education?: string;
  professional_level?: string; theory_level?: string; admission_decision_date?: string | null;
  ceremony_date?: string | null; official_date?: string | null; party_card_no?: string | null;
  died_on?: string | null; exempt?: boolean; events?: MemberEvent[];
}

export interface DueMember extends MemberSummary {
  due_date: string; overdue: boolean; working_days_late?: number; working_days_overdue?: number; deadline?: string | null; days_left?: number;
}

export interface BreakdownItem {
  key: string; label: string; count: number;
  by_gender?: Record<string, number>; nam?: number; nu?: number; male?: number; female?: number;
}

export interface ChildRow extends BreakdownItem {
  org_id?: number; kind_label?: string; members?: number; official?: number; probationary?: number;
  previous?: { count: number; members?: number; official?: number; probationary?: number } | null; change?: string;
}

export interface StructureReport {
  sentence: string;
  counts: Counts;
  totals?: Counts;
  breakdowns: Record<string, BreakdownItem[]>;
  compare?: {
    as_of: string; counts: Counts; sentence?: string; existed?: boolean; change_sentence?: string;
    changes?: Record<string, string>;
  } | null;
  as_of?: string;
  org?: Org;
}

export interface ImportReport {
  ok: boolean; rows: number;
  errors: { line: number | null; column?: string | number | null; field?: string | null; message: string }[];
}

// ---- Quality review (docs/api-contract.md, "Quality review") ----

export type ReviewLevel = 'htxsnv' | 'httnv' | 'htnv' | 'khtnv';
export type ReviewStepKind = 'self_assess' | 'verify' | 'decide' | 'amend';
export type ReviewState = 'self_assessed' | 'verified' | 'decided' | 'amended';

export interface RubricCriterion { code: string; name: string; max: number }
export interface RubricGroup { code: string; name: string; max: number; criteria: RubricCriterion[] }
export interface Rubric {
  id: number; name: string; subject: string; subject_label?: string; year_from: number; year_to: number;
  version: number; builtin: boolean; graded: boolean; groups?: RubricGroup[];
}

export interface LevelRef { level: ReviewLevel; code: string; label: string }
export interface ReviewProposal extends Partial<LevelRef> {
  level: ReviewLevel; score_level?: ReviewLevel | string; forced: boolean; reasons: string[];
}
export interface ReviewStep {
  id: number; step: ReviewStepKind; step_label?: string; level: ReviewLevel; level_label?: string;
  total: number | null; text?: string; decision_no?: string; decision_date?: string | null;
  cap_exception?: string; by?: string; by_name?: string; at?: string; scores?: Record<string, number | string>;
  proposal?: ReviewProposal | null; facts?: unknown;
}
export interface ReviewCap {
  group: string; level: ReviewLevel; share_pct: number; excellent: number; good: number; allowed: number; exceeded: boolean;
}
export interface Review {
  id: number; year: number; subject: string; subject_label?: string; member_id: number | null; org_id: number;
  org_code?: string; name: string;
  ruleset: { name: string; legal_basis?: string; scoring: 'points' | 'grades'; legacy_levels: boolean };
  rubric: { id: number; name: string };
  review_date?: string | null; state: ReviewState; state_label?: string; locked: boolean;
  self: (LevelRef & { total: number | null }) | null;
  verified: (LevelRef & { total: number | null }) | null;
  final: (LevelRef & { decision_no?: string; decision_date?: string | null }) | null;
  steps: ReviewStep[];
  proposal?: ReviewProposal | null;
  cap?: ReviewCap;
  cap_exception_allowed?: boolean;
  registry_facts?: string[];
}

export interface ReviewLevelRow {
  level: ReviewLevel; code: string; label: string; count: number; share: number;
  prev_count: number; prev_total: number; prev_share: number; change_pp: number | null; sentence: string;
}
export type LevelCounts = Partial<Record<ReviewLevel, number>> & { total?: number };
export interface ReviewGroupReport {
  group: 'base' | 'committee' | 'branch' | 'member' | string; noun: string; total: number; undecided: number;
  levels: ReviewLevelRow[]; self?: LevelCounts; verified?: LevelCounts;
}
export interface ReviewItem {
  review_id: number; group: string; name: string; code: string; unit_id: number; unit_code: string; unit_name: string;
  state: ReviewState; member_id: number | null; org_id: number; self_level: ReviewLevel | null; self_total: number | null;
  verified_level: ReviewLevel | null; verified_total: number | null; final_level: ReviewLevel | null; difference?: number;
}
export interface ReviewReport { year: number; org_id: number; org?: Org; groups: ReviewGroupReport[]; items?: ReviewItem[] }
export interface LeniencyReport {
  year: number; org_id: number; org?: Org; threshold: number; subjects: ReviewItem[];
  by_org: { org_id: number; code: string; name: string; compared: number; lenient: number; share: number; mean_excess: number }[];
  distribution: { level: ReviewLevel; label: string; self: number; verified: number; final: number }[];
}
export interface WeakOrg {
  id: number; org_id: number; code: string; name: string; year: number; source: 'decided' | 'flagged' | string;
  plan: string; responsible: string; deadline: string | null; status: 'open' | 'in_progress' | 'consolidated';
  status_label?: string; consolidated_on: string | null;
}
export interface WeakList {
  org?: Org; year_from: number; year_to: number; items: WeakOrg[]; consolidated: number; total: number; share: number; sentence: string;
}
export type ReviewSubjectKind = 'members' | 'orgs';

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

const BUSY_RETRIES = 3;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** Retry-After in seconds (1 to 5 s; 1 s when absent or unreadable). */
export function retryDelayMs(header: string | null): number {
  const s = Number(header);
  return (Number.isFinite(s) && s >= 1 ? Math.min(s, 5) : 1) * 1000;
}

export async function request<T>(method: string, path: string, body?: unknown, contentType?: string): Promise<T> {
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
  for (let attempt = 0; ; attempt++) {
    try {
      res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
    } catch {
      throw new ApiError(0, 'network', '');
    }
    // A busy server (503 + Retry-After: a write lock held, a read over its limit, the analytics
    // engine still warming up) is asked again for reads, which change nothing; writes are not
    // repeated behind the user's back: the message says to try again.
    if (res.status !== 503 || method !== 'GET' || attempt >= BUSY_RETRIES) break;
    await sleep(retryDelayMs(res.headers.get('Retry-After')));
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
  orgChildren: (id: number, asOf?: string) => request<List<Org>>('GET', withQuery(`/api/orgs/${id}/children`, { as_of: asOf })),
  orgHistory: (id: number) =>
    request<List<{ date: string; kind: string; decision_no?: string; detail?: string }>>('GET', `/api/orgs/${id}/history`),
  searchOrgs: (q: string, page = 1, pageSize = 50, form?: string) =>
    request<List<Org>>('GET', withQuery('/api/orgs', { q, page, page_size: pageSize, form })),

  members: (q: Query) => request<List<MemberSummary>>('GET', withQuery('/api/members', q)),
  member: (id: number) => request<MemberDetail>('GET', `/api/members/${id}`),
  admit: (body: unknown) => request<MemberDetail>('POST', '/api/members', body),
  memberFields: () => request<{ fields: MemberFieldDef[] }>('GET', '/api/members/fields'),
  memberAction: (id: number, action: string, body: unknown) =>
    request<MemberDetail>('POST', `/api/members/${id}/${action}`, body),
  due: (q: Query) => request<List<DueMember> & { overdue?: number }>('GET', withQuery('/api/members/due', q)),

  structure: (q: Query) => request<StructureReport>('GET', withQuery('/api/reports/structure', q)),
  forms: () => request<{ forms: FormDef[] }>('GET', '/api/forms'),
  formFill: (q: Query) => request<FormResult>('GET', withQuery('/api/forms/fill', q)),
  formFlows: (q: Query) => request<FormFlows>('GET', withQuery('/api/forms/flows', q)),
  restructurePlan: (bytes: ArrayBuffer, contentType: string, apply: boolean) =>
    request<PlanResult>('POST', apply ? '/api/restructure/apply' : '/api/restructure/check', bytes, contentType),
  merger: (q: Query) => request<MergerList>('GET', withQuery('/api/restructure/merger', q)),
  importUnits: (bytes: ArrayBuffer, contentType: string, source: string) =>
    request<{ units: number }>('POST', withQuery('/api/restructure/units', { source: source || undefined }), bytes, contentType),
  importMembers: (bytes: ArrayBuffer, contentType: string, dryRun: boolean) =>
    request<ImportReport>('POST', `/api/import/members?dry_run=${dryRun ? 1 : 0}`, bytes, contentType),
  reviewRubric: (q: Query) => request<Rubric>('GET', withQuery('/api/reviews/rubric', q)),
  review: (kind: ReviewSubjectKind, id: number, year: number, level?: string) =>
    request<Review>('GET', withQuery(`/api/reviews/${kind}/${id}`, { year, level })),
  reviewStep: (kind: ReviewSubjectKind, id: number, body: unknown) =>
    request<Review>('POST', `/api/reviews/${kind}/${id}/steps`, body),
  reviewReport: (q: Query) => request<ReviewReport>('GET', withQuery('/api/reviews/report', q)),
  reviewLeniency: (q: Query) => request<LeniencyReport>('GET', withQuery('/api/reviews/leniency', q)),
  weakList: (q: Query) => request<WeakList>('GET', withQuery('/api/reviews/weak', q)),
  weakAdd: (body: unknown) => request<WeakOrg>('POST', '/api/reviews/weak', body),
  weakUpdate: (id: number, body: unknown) => request<WeakOrg>('PUT', `/api/reviews/weak/${id}`, body),
};

/** A restructuring plan checked or applied (POST /api/restructure/check, /api/restructure/apply). */
export interface StructureCounts {
  direct_above_base: number; above_base: number; base_dang_bo: number; base_chi_bo: number;
  partial: number; branches: number; members: number; official: number; probationary: number;
}
export interface PlanIssue { line: number; field: string; severity: 'error' | 'warning'; message: string }
export interface PlanChange { action: string; code: string; name: string; detail: string }
export interface PlanResult {
  ok: boolean; applied: boolean; date: string; scope_id: number; created: number; ended: number;
  moved: number; retiered: number; members_moved: number; members_unplaced: number;
  before: StructureCounts; after: StructureCounts; changes: PlanChange[]; issues: PlanIssue[];
}
/** Communes below 50% of both standards (GET /api/restructure/merger). */
export interface MergerUnit {
  code: string; name: string; kind: string; area_km2: number; population: number; standard: string;
  area_min_km2: number; population_min: number; area_pct: number; population_pct: number; as_of: string;
}
export interface MergerList { province_code: string; date: string; units: number; unknown: number; below: number; list: MergerUnit[] }

/** The statistics pack (GET /api/forms, /api/forms/fill, /api/forms/flows). */
export interface FormDef {
  form: string; number: string; title: string; subtitle?: string; valid_from: string; valid_to: string;
  layout: 'compare' | 'annex' | 'org_types' | 'review'; source: string; rows_computed: number; rows_not_kept: number;
}
export type FormValue = number | 'not_kept' | null;
export interface FormRow { key: string; label: string; level: number; heading: boolean; values: FormValue[]; note?: string }
export interface FormResult {
  form: string; number: string; title: string; subtitle?: string; issuer: string;
  org: { id: number; code: string; name: string };
  period: { key: string; label: string; from: string; to: string };
  previous: { key: string; label: string; from: string; to: string };
  item_header: string; columns: { number: string; label: string; group?: string }[];
  rows: FormRow[]; checks: { name: string; ok: boolean; detail: string }[]; notes: string[];
}
export interface FormFlows { code: string; period: string; label: string; sentence: string; counts: Record<string, number>; previous_counts: Record<string, number> }
