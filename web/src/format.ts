// Formatting and parsing helpers. Vietnamese conventions by default:
// numbers 457.397, decimals 17,9, percents 17,9%, dates dd/mm/yyyy. English uses 457,397 and 17.9%.
// Dates are ISO "YYYY-MM-DD" strings everywhere else in the UI (that is what the API speaks).

export type Lang = 'vi' | 'en';

function groupDigits(digits: string, sep: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += sep;
    out += digits[i];
  }
  return out;
}

/** 457397 → "457.397" (vi) or "457,397" (en); `decimals` fixes the fraction digits. */
export function formatNumber(n: number | null | undefined, lang: Lang = 'vi', decimals = 0): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const neg = n < 0;
  const fixed = Math.abs(n).toFixed(decimals);
  const [int, frac] = fixed.split('.');
  const thousands = lang === 'vi' ? '.' : ',';
  const point = lang === 'vi' ? ',' : '.';
  const body = groupDigits(int, thousands) + (frac ? point + frac : '');
  return (neg && Number(fixed) !== 0 ? '-' : '') + body;
}

/** A percent value already multiplied by 100: 17.94 → "17,9%" (vi) / "17.9%" (en). */
export function formatPercentValue(pct: number | null | undefined, lang: Lang = 'vi', decimals = 1): string {
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return '—';
  return formatNumber(pct, lang, decimals) + '%';
}

/** part / total as a percent; "—" when total is 0. */
export function formatPercent(part: number, total: number, lang: Lang = 'vi', decimals = 1): string {
  if (!total) return '—';
  return formatPercentValue((part * 100) / total, lang, decimals);
}

/** Signed change: +12 / -3 / 0 with thousands grouping. */
export function formatDelta(n: number, lang: Lang = 'vi'): string {
  if (n > 0) return '+' + formatNumber(n, lang);
  return formatNumber(n, lang);
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  const days = [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return days[m - 1];
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function isoOf(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/**
 * Parses what a person types into a date box: "dd/mm/yyyy" (also with "-" or "." and one-digit day or
 * month) or ISO "yyyy-mm-dd". Returns the ISO date, or null when the text is not a real calendar date.
 */
export function parseDate(text: string): string | null {
  const s = text.trim();
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return isoOf(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

/** ISO "2024-03-07" → "07/03/2024"; anything unparsable is returned unchanged, empty → "—". */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${m[3]}/${m[2]}/${m[1]}`;
}

/** Today's date as ISO in local time. */
export function todayIso(now: Date = new Date()): string {
  return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1, 2)}-${pad(now.getDate(), 2)}`;
}

/** Whole years between two ISO dates (age on `asOf`); null when either is missing. */
export function yearsBetween(fromIso: string | null | undefined, asOfIso: string): number | null {
  if (!fromIso) return null;
  const a = /^(\d{4})-(\d{2})-(\d{2})/.exec(fromIso);
  const b = /^(\d{4})-(\d{2})-(\d{2})/.exec(asOfIso);
  if (!a || !b) return null;
  let years = Number(b[1]) - Number(a[1]);
  const mdA = Number(a[2]) * 100 + Number(a[3]);
  const mdB = Number(b[2]) * 100 + Number(b[3]);
  if (mdB < mdA) years -= 1;
  return years;
}

/** A change between two dates as the Party's reports write it: "tăng 12 (2,5%)", "giảm 10 (5,2%)",
 *  "không đổi"; the percent is of the earlier value (none when that was 0). */
export function formatChange(before: number, after: number, lang: Lang = 'vi'): string {
  const d = after - before;
  if (d === 0) return lang === 'vi' ? 'không đổi' : 'no change';
  const word = d > 0 ? (lang === 'vi' ? 'tăng' : 'up') : (lang === 'vi' ? 'giảm' : 'down');
  const pct = before ? ` (${formatPercentValue((Math.abs(d) * 100) / before, lang)})` : '';
  return `${word} ${formatNumber(Math.abs(d), lang)}${pct}`;
}

/** "ngày 04 tháng 12 năm 2026" of an ISO date (the place-and-date line of a Party document). */
export function formatDateWords(iso: string, lang: Lang = 'vi'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return lang === 'vi' ? `ngày ${m[3]} tháng ${m[2]} năm ${m[1]}` : `${m[3]}/${m[2]}/${m[1]}`;
}

/** A message as a sentence: its first letter capitalized ("chưa đăng nhập" → "Chưa đăng nhập").
 *  The server's messages start in lowercase because they are also composed into others. */
export function sentence(s: string): string {
  if (!s) return s;
  const first = String.fromCodePoint(s.codePointAt(0) ?? 0);
  return first.toLocaleUpperCase('vi') + s.slice(first.length);
}
