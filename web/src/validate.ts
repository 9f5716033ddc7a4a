// Client-side checks made before a request is sent. They catch typing mistakes (missing fields, dates
// that are not dates, malformed ID numbers); the Party's rules (ages, deadlines, allowed transitions)
// are the server's, whose errors are shown next to the field named in `error.field`.
import { parseDate, todayIso } from './format';
import type { MessageKey } from './i18n';

export type Values = Record<string, string>;
export type Errors = Record<string, MessageKey>;
export type Payload = Record<string, string | number | boolean | null>;
export interface Checked {
  errors: Errors;
  payload: Payload;
}

function need(v: Values, field: string, errors: Errors): string {
  const s = (v[field] ?? '').trim();
  if (!s) errors[field] = 'err.required';
  return s;
}

/** A required (or optional) date typed as dd/mm/yyyy; returns its ISO form or null. */
function dateField(v: Values, field: string, errors: Errors, opts: { required?: boolean; notFuture?: boolean; today?: string } = {}): string | null {
  const s = (v[field] ?? '').trim();
  if (!s) {
    if (opts.required !== false) errors[field] = 'err.required';
    return null;
  }
  const iso = parseDate(s);
  if (!iso) {
    errors[field] = 'err.date';
    return null;
  }
  if (opts.notFuture && iso > (opts.today ?? todayIso())) {
    errors[field] = 'err.dateFuture';
    return null;
  }
  return iso;
}

function idField(v: Values, field: string, errors: Errors): number | null {
  const s = (v[field] ?? '').trim();
  if (!s) {
    errors[field] = 'err.required';
    return null;
  }
  const n = Number(s);
  if (!Number.isInteger(n) || n <= 0) {
    errors[field] = 'err.required';
    return null;
  }
  return n;
}

/** Collapses runs of spaces; the server does the Unicode normalization. */
export function cleanText(s: string | undefined): string {
  return (s ?? '').replace(/\s+/g, ' ').trim();
}

/** 12-digit citizen ID (CCCD). Spaces and dots people type between groups are dropped. */
export function normalizeNationalId(s: string): string {
  return s.replace(/[\s.]/g, '');
}

export function isValidNationalId(s: string): boolean {
  return /^\d{12}$/.test(normalizeNationalId(s));
}

export function checkAdmission(v: Values, today = todayIso()): Checked {
  const errors: Errors = {};
  const fullName = cleanText(v.full_name);
  if (!fullName) errors.full_name = 'err.required';
  else if (fullName.split(' ').length < 2) errors.full_name = 'err.name';
  const gender = need(v, 'gender', errors);
  const birth = dateField(v, 'birth_date', errors, { notFuture: true, today });
  const orgId = idField(v, 'org_id', errors);
  const decisionNo = need(v, 'decision_no', errors);
  const decisionDate = dateField(v, 'decision_date', errors, { notFuture: true, today });
  const ceremony = dateField(v, 'ceremony_date', errors, { required: false, notFuture: true, today });
  if (ceremony && decisionDate && ceremony < decisionDate) errors.ceremony_date = 'err.dateOrder';
  const nid = normalizeNationalId(v.national_id ?? '');
  if (nid && !/^\d{12}$/.test(nid)) errors.national_id = 'err.nationalId';
  const payload: Payload = {
    full_name: fullName,
    gender,
    birth_date: birth,
    ethnicity: cleanText(v.ethnicity),
    religion: cleanText(v.religion),
    hometown: cleanText(v.hometown),
    national_id: nid,
    education: cleanText(v.education),
    professional_level: cleanText(v.professional_level),
    theory_level: v.theory_level || 'none',
    party_card_no: cleanText(v.party_card_no),
    org_id: orgId,
    decision_no: decisionNo,
    decision_date: decisionDate,
    ceremony_date: ceremony,
  };
  return { errors, payload };
}

export function checkOfficial(v: Values, today = todayIso()): Checked {
  const errors: Errors = {};
  const decisionNo = need(v, 'decision_no', errors);
  const decisionDate = dateField(v, 'decision_date', errors, { notFuture: true, today });
  return { errors, payload: { decision_no: decisionNo, decision_date: decisionDate } };
}

export function checkTransfer(v: Values, today = todayIso()): Checked {
  const errors: Errors = {};
  const to = idField(v, 'to_org_id', errors);
  const kind = need(v, 'kind', errors);
  const date = dateField(v, 'date', errors, { today });
  const decisionNo = need(v, 'decision_no', errors);
  let until: string | null = null;
  if (kind === 'temporary') {
    until = dateField(v, 'until', errors, { today });
    if (until && date && until <= date) errors.until = 'err.untilOrder';
  }
  return { errors, payload: { to_org_id: to, kind, date, decision_no: decisionNo, until } };
}

export function checkDiscipline(v: Values, today = todayIso()): Checked {
  const errors: Errors = {};
  const form = need(v, 'form', errors);
  const date = dateField(v, 'date', errors, { notFuture: true, today });
  const decisionNo = need(v, 'decision_no', errors);
  const reason = cleanText(v.reason);
  if (!reason) errors.reason = 'err.required';
  return { errors, payload: { form, date, decision_no: decisionNo, reason } };
}

/** Exemption from duties and meetings; `end: "1"` ends an exemption in force instead. */
export function checkExempt(v: Values, today = todayIso()): Checked {
  const errors: Errors = {};
  const date = dateField(v, 'date', errors, { notFuture: true, today });
  const decisionNo = need(v, 'decision_no', errors);
  const payload: Payload = { date, decision_no: decisionNo };
  if (v.end === '1') payload.end = true;
  return { errors, payload };
}

/** Return to the home branch after a temporary transfer. */
export function checkReturn(v: Values, today = todayIso()): Checked {
  const errors: Errors = {};
  const date = dateField(v, 'date', errors, { today });
  const decisionNo = need(v, 'decision_no', errors);
  return { errors, payload: { date, decision_no: decisionNo } };
}

export function checkExit(v: Values, today = todayIso()): Checked {
  const errors: Errors = {};
  const kind = need(v, 'kind', errors);
  const date = dateField(v, 'date', errors, { notFuture: true, today });
  const decisionNo = need(v, 'decision_no', errors);
  return { errors, payload: { kind, date, decision_no: decisionNo, reason: cleanText(v.reason) } };
}

export function checkPassword(v: Values): Checked {
  const errors: Errors = {};
  const oldPw = v.old_password ?? '';
  const newPw = v.new_password ?? '';
  if (!oldPw) errors.old_password = 'err.required';
  if (!newPw) errors.new_password = 'err.required';
  else if ([...newPw].length < 8) errors.new_password = 'err.passwordShort';
  else if (newPw === oldPw) errors.new_password = 'err.passwordSame';
  if (!errors.new_password && (v.confirm ?? '') !== newPw) errors.confirm = 'err.passwordMatch';
  return { errors, payload: { old_password: oldPw, new_password: newPw } };
}

/** Member-list age filters: each empty or a whole number 0–120, and min ≤ max. */
export function checkAgeRange(min: string, max: string): Errors {
  const errors: Errors = {};
  const parse = (s: string, field: string): number | null => {
    if (!s.trim()) return null;
    const n = Number(s);
    if (!Number.isInteger(n) || n < 0 || n > 120) {
      errors[field] = 'err.age';
      return null;
    }
    return n;
  };
  const a = parse(min, 'age_min');
  const b = parse(max, 'age_max');
  if (a !== null && b !== null && a > b) errors.age_max = 'err.ageOrder';
  return errors;
}

/** Import files by extension; the content type the API expects for each. */
export function importContentType(fileName: string): string | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'text/csv';
  if (lower.endsWith('.xlsx')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return null;
}

/** Suspension of party activity (đình chỉ); `end: "1"` ends the suspension in force. */
export function checkSuspend(v: Values, today = todayIso()): Checked {
  const errors: Errors = {};
  const date = dateField(v, 'date', errors, { notFuture: true, today });
  const decisionNo = need(v, 'decision_no', errors);
  const payload: Payload = { date, decision_no: decisionNo, reason: cleanText(v.reason) };
  if (v.end === '1') payload.end = true;
  return { errors, payload };
}

/** Restoration of party membership (phục hồi đảng tịch) into a chi bộ. */
export function checkRestore(v: Values, today = todayIso()): Checked {
  const errors: Errors = {};
  const to = idField(v, 'to_org_id', errors);
  const date = dateField(v, 'date', errors, { notFuture: true, today });
  const decisionNo = need(v, 'decision_no', errors);
  return { errors, payload: { to_org_id: to, date, decision_no: decisionNo, reason: cleanText(v.reason) } };
}

/** Re-admission (kết nạp lại): the chi bộ, the decision and the ceremony. */
export function checkReadmit(v: Values, today = todayIso()): Checked {
  const errors: Errors = {};
  const org = idField(v, 'org_id', errors);
  const decisionNo = need(v, 'decision_no', errors);
  const decisionDate = dateField(v, 'decision_date', errors, { notFuture: true, today });
  const ceremony = dateField(v, 'ceremony_date', errors, { notFuture: true, today });
  if (ceremony && decisionDate && ceremony < decisionDate) errors.ceremony_date = 'err.dateOrder';
  return { errors, payload: { org_id: org, decision_no: decisionNo, decision_date: decisionDate, ceremony_date: ceremony } };
}

export const BADGE_YEARS = ['30', '40', '45', '50', '55', '60', '65', '70', '75', '80', '85', '90'];

export function checkBadge(v: Values, today = todayIso()): Checked {
  const errors: Errors = {};
  const years = need(v, 'years', errors);
  const date = dateField(v, 'date', errors, { notFuture: true, today });
  const decisionNo = need(v, 'decision_no', errors);
  return { errors, payload: { years: years ? Number(years) : null, date, decision_no: decisionNo } };
}

export function checkCard(v: Values, today = todayIso()): Checked {
  const errors: Errors = {};
  const kind = v.kind || 'issued';
  const date = dateField(v, 'date', errors, { notFuture: true, today });
  return { errors, payload: { kind, date, decision_no: cleanText(v.decision_no), number: cleanText(v.number) } };
}

export function checkCommend(v: Values, today = todayIso()): Checked {
  const errors: Errors = {};
  const form = need(v, 'form', errors);
  const date = dateField(v, 'date', errors, { notFuture: true, today });
  const decisionNo = need(v, 'decision_no', errors);
  return { errors, payload: { form, date, decision_no: decisionNo, reason: cleanText(v.reason) } };
}
