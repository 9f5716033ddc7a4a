// Pure helpers of the quality-review pages: rubric totals, score and decision validation, the
// workflow's allowed steps, level and cap display. The Party's rules (forcing rules, the cap, who is
// reviewed) stay on the server; the client previews only the score band and checks what was typed.
import type {
  Review, ReviewCap, ReviewItem, ReviewLevel, ReviewState, ReviewStep, ReviewStepKind, Rubric, RubricCriterion,
} from './api';
import { formatNumber, parseDate, todayIso, type Lang } from './format';
import { label, t, type MessageKey } from './i18n';
import type { Payload, Values } from './validate';

export const LEVELS: ReviewLevel[] = ['htxsnv', 'httnv', 'htnv', 'khtnv'];
export const GRADES = ['xuat_sac', 'tot', 'trung_binh', 'kem'] as const;
export const WEAK_STATUSES = ['open', 'in_progress', 'consolidated'] as const;

/** A message key with its placeholders; shown next to the field it belongs to. */
export interface Problem { key: MessageKey; params?: Record<string, string | number> }
export type Problems = Record<string, Problem>;

export function problemText(p: Problem | undefined, lang?: Lang): string | undefined {
  return p ? t(p.key, p.params, lang) : undefined;
}

// ---- points ----

/** Points typed by a person, as hundredths: "7,5" → 750, "8" → 800; null unless 0–9999 with ≤ 2 decimals. */
export function parsePoints(text: string): number | null {
  const m = /^\s*(\d{1,4})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + (m[2] ? Number(m[2].padEnd(2, '0')) : 0);
}

function hundredths(n: number): number {
  return Math.round(n * 100);
}

function plainPoints(h: number, point: string): string {
  const whole = Math.trunc(h / 100);
  const frac = h % 100;
  if (frac === 0) return String(whole);
  const f = String(frac).padStart(2, '0').replace(/0$/, '');
  return `${whole}${point}${f}`;
}

/** 7.5 → "7,5" (vi) / "7.5" (en); whole numbers without decimals; "—" for none. */
export function formatPoints(n: number | null | undefined, lang: Lang = 'vi'): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const h = hundredths(n);
  const decimals = h % 100 === 0 ? 0 : h % 10 === 0 ? 1 : 2;
  return formatNumber(h / 100, lang, decimals);
}

/** A saved score as it is put back into a score box ("7,5" in Vietnamese; grades unchanged). */
export function scoreInput(v: number | string | null | undefined, lang: Lang = 'vi'): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  const h = hundredths(v);
  return (h < 0 ? '-' : '') + plainPoints(Math.abs(h), lang === 'vi' ? ',' : '.');
}

/** Signed difference in points: "+7", "-2,5", "0". */
export function formatPointsDelta(n: number | null | undefined, lang: Lang = 'vi'): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const s = formatPoints(Math.abs(n), lang);
  return hundredths(n) > 0 ? `+${s}` : hundredths(n) < 0 ? `-${s}` : s;
}

/** Change in percentage points: "+2,5", "-6,8", "0"; "—" without a previous year. */
export function formatPp(pp: number | null | undefined, lang: Lang = 'vi'): string {
  if (pp === null || pp === undefined || !Number.isFinite(pp)) return '—';
  const tenths = Math.round(pp * 10);
  const s = formatNumber(Math.abs(tenths) / 10, lang, tenths % 10 === 0 ? 0 : 1);
  return tenths > 0 ? `+${s}` : tenths < 0 ? `-${s}` : s;
}

// ---- rubric ----

export function rubricCriteria(r: Rubric): RubricCriterion[] {
  return (r.groups ?? []).flatMap((g) => g.criteria);
}

/** Makes a criterion code usable in an element id: "1.1" → "1_1". */
export function codeId(code: string): string {
  return code.replace(/[^A-Za-z0-9_-]/g, '_');
}

export interface ScoreCheck { errors: Problems; scores: string }

/**
 * Every criterion of the rubric once: points from 0 to the criterion's maximum (decimal comma or
 * point, two decimals at most), or one of the four grades under a graded rule set. Builds the API's
 * "1.1=8; 1.2=7.5" text.
 */
export function checkScores(r: Rubric, values: Values, lang: Lang = 'vi'): ScoreCheck {
  const errors: Problems = {};
  const parts: string[] = [];
  for (const c of rubricCriteria(r)) {
    const s = (values[c.code] ?? '').trim();
    if (!s) {
      errors[c.code] = { key: r.graded ? 'err.gradeRequired' : 'err.required' };
      continue;
    }
    if (r.graded) {
      if (!(GRADES as readonly string[]).includes(s)) errors[c.code] = { key: 'err.grade' };
      else parts.push(`${c.code}=${s}`);
      continue;
    }
    const h = parsePoints(s);
    if (h === null) errors[c.code] = { key: 'err.points' };
    else if (h > hundredths(c.max)) errors[c.code] = { key: 'err.pointsMax', params: { max: formatPoints(c.max, lang) } };
    else parts.push(`${c.code}=${plainPoints(h, '.')}`);
  }
  return { errors, scores: parts.join('; ') };
}

export interface GroupTotal { code: string; total: number; max: number; complete: boolean }
export interface Totals { groups: GroupTotal[]; total: number; max: number; complete: boolean }

/**
 * Sums of the valid points typed so far, per criteria group and overall (in points, exact to the
 * hundredth). A group is complete when every criterion in it has a valid score. Graded rubrics have
 * no totals: null.
 */
export function scoreTotals(r: Rubric, values: Values): Totals | null {
  if (r.graded) return null;
  let all = 0;
  let allMax = 0;
  let complete = true;
  const groups: GroupTotal[] = (r.groups ?? []).map((g) => {
    let sum = 0;
    let ok = true;
    for (const c of g.criteria) {
      const h = parsePoints(values[c.code] ?? '');
      if (h === null || h > hundredths(c.max)) ok = false;
      else sum += h;
    }
    all += sum;
    allMax += hundredths(g.max);
    complete = complete && ok;
    return { code: g.code, total: sum / 100, max: g.max, complete: ok };
  });
  return { groups, total: all / 100, max: allMax / 100, complete: complete && groups.length > 0 };
}

/**
 * The level the total alone gives under a points rule set with the current levels (QĐ 366: from 90
 * points HTXSNV, from 70 HTTNV, from 50 HTNV, below 50 KHTNV). null for graded or legacy rule sets,
 * whose proposal only the server computes.
 */
export function scoreBand(total: number, ruleset: { scoring: string; legacy_levels: boolean }): ReviewLevel | null {
  if (ruleset.scoring !== 'points' || ruleset.legacy_levels) return null;
  const h = hundredths(total);
  if (h >= 9000) return 'htxsnv';
  if (h >= 7000) return 'httnv';
  if (h >= 5000) return 'htnv';
  return 'khtnv';
}

// ---- levels ----

export function levelLabel(level: string | null | undefined, lang?: Lang): string {
  return label('level', level, lang);
}

/**
 * The name a level is shown by: the server's label when it is not the standard Vietnamese one (the
 * legacy levels of years up to 2017, "Trong sạch, vững mạnh" …), else the dictionary's in `lang`.
 */
export function levelText(level: string | null | undefined, serverLabel?: string, lang?: Lang): string {
  return serverLabel && serverLabel !== levelLabel(level, 'vi') ? serverLabel : levelLabel(level, lang);
}

/** An enum value named by the UI's dictionary (in its language), else by the server's label, else raw. */
export function enumText(prefix: string, value: string | null | undefined, serverLabel?: string, lang?: Lang): string {
  const own = label(prefix, value, lang);
  return own === value && serverLabel ? serverLabel : own;
}

export function levelCode(level: string | null | undefined): string {
  return level ? level.toUpperCase() : '—';
}

/** The CSS class that colours a level (excellent … not completed). */
export function levelClass(level: string | null | undefined): string {
  return level && (LEVELS as string[]).includes(level) ? `level level-${level}` : 'level';
}

// ---- workflow ----

/** Steps the server accepts next for a review in `state` (null: no review yet). */
export function allowedSteps(state: ReviewState | null | undefined): ReviewStepKind[] {
  switch (state ?? null) {
    case null: return ['self_assess'];
    case 'self_assessed': return ['self_assess', 'verify'];
    case 'verified': return ['verify', 'decide'];
    default: return ['amend'];
  }
}

export function isLocked(state: ReviewState | null | undefined): boolean {
  return state === 'decided' || state === 'amended';
}

/** The latest step of a kind (steps come oldest first; ids grow). */
export function latestStep(review: Review | null | undefined, kind: ReviewStepKind): ReviewStep | undefined {
  let best: ReviewStep | undefined;
  for (const s of review?.steps ?? []) if (s.step === kind && (!best || s.id > best.id)) best = s;
  return best;
}

/** A step's scores as score-box values. */
export function stepValues(step: ReviewStep | undefined, lang: Lang = 'vi'): Values {
  const v: Values = {};
  for (const [code, x] of Object.entries(step?.scores ?? {})) v[code] = scoreInput(x, lang);
  return v;
}

/** Subjects a first self-assessment may name: a member or a leader; a chi bộ, a đảng bộ or its leadership. */
export function subjectsFor(kind: 'members' | 'orgs', form?: string): string[] {
  if (kind === 'members') return ['member', 'leader'];
  return form === 'chi_bo' ? ['chi_bo', 'leadership'] : ['dang_bo', 'leadership'];
}

/** The verification facts a subject's forcing rules use (the rest are not asked). */
export function factsFor(subject: string): string[] {
  const facts = ['degradation', 'self_remedied'];
  if (subject === 'member' || subject === 'leader') facts.push('not_duty_related');
  if (subject === 'leader') facts.push('votes_returned', 'votes_low');
  if (subject === 'chi_bo' || subject === 'dang_bo' || subject === 'leadership') facts.push('disunity');
  if (subject === 'dang_bo' || subject === 'leadership') facts.push('sub_disciplined', 'sub_unremedied');
  return facts;
}

function intField(v: Values, field: string, errors: Problems, min: number): number | null {
  const s = (v[field] ?? '').trim();
  if (!s) return null;
  if (!/^\d{1,7}$/.test(s) || Number(s) < min) {
    errors[field] = { key: 'err.count' };
    return null;
  }
  return Number(s);
}

function optDate(v: Values, field: string, errors: Problems, today: string, notFuture = true): string | null {
  const s = (v[field] ?? '').trim();
  if (!s) return null;
  const iso = parseDate(s);
  if (!iso) errors[field] = { key: 'err.date' };
  else if (notFuture && iso > today) errors[field] = { key: 'err.dateFuture' };
  else return iso;
  return null;
}

export interface StepCheck { errors: Problems; payload: Payload }

/**
 * A self-assessment or verification: the scores, the optional proposed level and comments, on the
 * first self-assessment the subject and review date, on verification the facts the forcing rules use.
 */
export function checkScoredStep(
  r: Rubric, step: 'self_assess' | 'verify', v: Values,
  opts: { year: number; first?: boolean; subject?: string; lang?: Lang; today?: string },
): StepCheck {
  const today = opts.today ?? todayIso();
  const { errors, scores } = checkScores(r, v, opts.lang);
  const payload: Payload = { year: opts.year, step, scores };
  const level = (v.level ?? '').trim();
  if (level) {
    if (!(LEVELS as string[]).includes(level)) errors.level = { key: 'err.level' };
    else payload.level = level;
  }
  const text = (v.text ?? '').trim();
  if (text) payload.text = text;
  if (step === 'self_assess' && opts.first) {
    if (opts.subject) payload.subject = opts.subject;
    const rd = optDate(v, 'review_date', errors, today, false);
    if (rd) {
      if (Number(rd.slice(0, 4)) !== opts.year) errors.review_date = { key: 'err.reviewDateYear', params: { y: opts.year } };
      else payload.review_date = rd;
    }
  }
  if (step === 'verify') {
    const facts = factsFor(opts.subject ?? '');
    for (const f of ['degradation', 'self_remedied', 'not_duty_related', 'disunity']) {
      if (facts.includes(f) && v[f] === '1') payload[f] = true;
    }
    if (facts.includes('votes_returned')) {
      const ret = intField(v, 'votes_returned', errors, 1);
      const low = intField(v, 'votes_low', errors, 0);
      if (!errors.votes_returned && !errors.votes_low) {
        if ((ret === null) !== (low === null)) errors[ret === null ? 'votes_returned' : 'votes_low'] = { key: 'err.votesBoth' };
        else if (ret !== null && low !== null && low > ret) errors.votes_low = { key: 'err.votesLow' };
        else if (ret !== null && low !== null) { payload.votes_returned = ret; payload.votes_low = low; }
      }
    }
    if (facts.includes('sub_disciplined')) {
      const d = intField(v, 'sub_disciplined', errors, 0);
      const u = intField(v, 'sub_unremedied', errors, 0);
      if (u !== null && u > (d ?? 0)) errors.sub_unremedied = { key: 'err.subUnremedied' };
      else {
        if (d) payload.sub_disciplined = d;
        if (u) payload.sub_unremedied = u;
      }
    }
  }
  return { errors, payload };
}

export interface CapView {
  /** none: the rule set has no cap; ok: within it; exceeded: the chosen level breaks it. */
  state: 'none' | 'ok' | 'exceeded';
  allowed: number; used: number; good: number; share: number; remaining: number;
}

/** The excellent-level cap of the subject's group as the decision screen shows it. */
export function capView(cap: ReviewCap | undefined | null): CapView {
  if (!cap || cap.allowed < 0) return { state: 'none', allowed: 0, used: cap?.excellent ?? 0, good: cap?.good ?? 0, share: cap?.share_pct ?? 0, remaining: 0 };
  return {
    state: cap.exceeded ? 'exceeded' : 'ok',
    allowed: cap.allowed,
    used: cap.excellent,
    good: cap.good,
    share: cap.share_pct,
    remaining: Math.max(0, cap.allowed - cap.excellent),
  };
}

/** floor(share% × good): how many HTXSNV a group with `good` HTTNV may have (20% → 5 allow 1, 4 allow 0). */
export function capAllowed(good: number, sharePct: number): number {
  return Math.floor((good * sharePct) / 100);
}

/**
 * The committee's decision (or an amendment): level, decision number and date (required to decide;
 * optional to amend, whose reason is required), and the reason for an exception when the chosen
 * level breaks the excellent cap — refused outright when the rule set allows no exception.
 */
export function checkDecision(
  v: Values, ctx: { step: 'decide' | 'amend'; year: number; capExceeded: boolean; exceptionAllowed: boolean; today?: string },
): StepCheck {
  const today = ctx.today ?? todayIso();
  const errors: Problems = {};
  const payload: Payload = { year: ctx.year, step: ctx.step };
  const level = (v.level ?? '').trim();
  if (!level) errors.level = { key: 'err.levelRequired' };
  else if (!(LEVELS as string[]).includes(level)) errors.level = { key: 'err.level' };
  else payload.level = level;
  const no = (v.decision_no ?? '').trim();
  const dateText = (v.decision_date ?? '').trim();
  if (ctx.step === 'decide') {
    if (!no) errors.decision_no = { key: 'err.required' };
    if (!dateText) errors.decision_date = { key: 'err.required' };
  }
  if (no) payload.decision_no = no;
  const date = optDate(v, 'decision_date', errors, today);
  if (date) payload.decision_date = date;
  const text = (v.text ?? '').trim();
  if (ctx.step === 'amend' && !text) errors.text = { key: 'err.amendReason' };
  if (text) payload.text = text;
  const override = (v.override_reason ?? '').trim();
  if (override && ctx.step === 'decide') payload.override_reason = override;
  if (ctx.capExceeded && !errors.level) {
    const reason = (v.cap_exception ?? '').trim();
    if (!ctx.exceptionAllowed) errors.level = { key: 'err.capNoException' };
    else if (!reason) errors.cap_exception = { key: 'err.capException' };
    else payload.cap_exception = reason;
  }
  return { errors, payload };
}

/** A review year: 1900–9999 (the server says which years have a rule set). */
export function parseYear(s: string): number | null {
  const x = s.trim();
  if (!/^\d{4}$/.test(x)) return null;
  const n = Number(x);
  return n >= 1900 && n <= 9999 ? n : null;
}

/** The year whose review is due: the current one from November (reviews are held in December), else the last. */
export function defaultReviewYear(today: string = todayIso()): number {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m >= 11 ? y : y - 1;
}

/**
 * A weak organization's consolidation plan: deadline a date, status one of three, and the
 * consolidation date only with the status "consolidated" and not in the future. On adding, the
 * organization and year are required too.
 */
export function checkWeak(v: Values, opts: { adding: boolean; today?: string }): StepCheck {
  const today = opts.today ?? todayIso();
  const errors: Problems = {};
  const payload: Payload = {};
  if (opts.adding) {
    const org = Number((v.org_id ?? '').trim());
    if (!Number.isInteger(org) || org <= 0) errors.org_id = { key: 'err.required' };
    else payload.org_id = org;
    const year = parseYear(v.year ?? '');
    if (year === null) errors.year = { key: 'err.year' };
    else payload.year = year;
  }
  payload.plan = (v.plan ?? '').trim();
  payload.responsible = (v.responsible ?? '').replace(/\s+/g, ' ').trim();
  const deadline = optDate(v, 'deadline', errors, today, false);
  if (deadline) payload.deadline = deadline;
  const status = (v.status ?? '').trim() || 'open';
  if (!(WEAK_STATUSES as readonly string[]).includes(status)) errors.status = { key: 'err.required' };
  else payload.status = status;
  const on = optDate(v, 'consolidated_on', errors, today);
  if (on) {
    if (status !== 'consolidated') errors.consolidated_on = { key: 'err.consolidatedStatus' };
    else payload.consolidated_on = on;
  }
  return { errors, payload };
}

// ---- reports ----

/** Where a report row's review is shown. */
export function reviewHref(item: Pick<ReviewItem, 'member_id' | 'org_id'>, year: number): string {
  return item.member_id ? `/reviews/members/${item.member_id}?year=${year}` : `/reviews/orgs/${item.org_id}?year=${year}`;
}

/** Report rows of one group by final level, undecided last. */
export function itemsByLevel(items: ReviewItem[], group: string): { level: ReviewLevel | null; items: ReviewItem[] }[] {
  const out: { level: ReviewLevel | null; items: ReviewItem[] }[] = [];
  for (const level of [...LEVELS, null]) {
    const list = items.filter((i) => i.group === group && (i.final_level ?? null) === level);
    if (list.length) out.push({ level, items: list });
  }
  return out;
}

/** What the pages need of the rule set before a review exists: from the rubric and the year. */
export function rulesetOf(review: Review | null | undefined, rubric: Rubric | null | undefined, year: number): { scoring: string; legacy_levels: boolean } {
  if (review) return review.ruleset;
  return { scoring: rubric?.graded ? 'grades' : 'points', legacy_levels: year < 2018 };
}

/** "2026-01-15T08:05:00Z" → "15/01/2026 15:05" in the browser's time zone. */
export function formatTimestamp(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The column the rubric form opens for editing when a staff member arrives at a review in `state`. */
export function defaultEditing(state: ReviewState | null | undefined, editable: boolean): 'self' | 'verify' | null {
  if (!editable) return null;
  if (!state) return 'self';
  if (state === 'self_assessed') return 'verify';
  return null;
}
