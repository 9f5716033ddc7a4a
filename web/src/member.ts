// Pure helpers for a member's timeline.
import type { MemberEvent, MemberFieldDef } from './api';
import { formatDate } from './format';
import { label, t } from './i18n';

/** Events oldest first (date, then id). */
export function sortEvents(events: MemberEvent[]): MemberEvent[] {
  return [...events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
}

/** True when the latest transfer was temporary and no return has been recorded after it. */
export function onTemporaryTransfer(events: MemberEvent[]): boolean {
  let temp = false;
  for (const e of sortEvents(events)) {
    if (e.kind === 'transfer') temp = e.form === 'temporary';
    else if (e.kind === 'return' || e.kind === 'exit') temp = false;
  }
  return temp;
}

const FORM_PREFIX: Record<string, string> = {
  transfer: 'transferkind', discipline: 'discipline', exit: 'exit', exempt: 'exemptform',
  suspend: 'suspendform', card: 'cardkind', commend: 'commend',
};

/** The event's form as the board reads it: "Bằng khen", "30 năm tuổi Đảng", "Phát thẻ". */
export function eventFormText(e: MemberEvent): string {
  if (!e.form) return '';
  if (e.kind === 'badge') return t('badge.years', { n: e.form });
  const prefix = FORM_PREFIX[e.kind];
  return prefix ? label(prefix, e.form) : e.form;
}

/** True while a suspension of party activity (đình chỉ) is in force after the last event. */
export function suspended(events: MemberEvent[]): boolean {
  let on = false;
  for (const e of sortEvents(events)) if (e.kind === 'suspend') on = e.form !== 'end';
  return on;
}

/** "Chuyển sinh hoạt đảng (tạm thời, đến 31/12/2025)" */
export function eventTitle(e: MemberEvent): string {
  const parts: string[] = [];
  if (e.form && (FORM_PREFIX[e.kind] || e.kind === 'badge')) parts.push(eventFormText(e));
  if (e.until) parts.push(t('event.until', { d: formatDate(e.until) }));
  const name = label('event', e.kind);
  return parts.length ? `${name} (${parts.join(', ')})` : name;
}

/** A field's value as the board reads it: an enumeration by its label, "chưa cập nhật" when not entered. */
export function fieldText(f: MemberFieldDef, v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  if (f.kind === 'enum') {
    if (!s || s === 'chua_cap_nhat') return f.profile ? t('rec.notEntered') : '—';
    const prefix = f.key === 'gender' ? 'gender' : f.key === 'theory_level' ? 'theory' : '';
    if (prefix && label(prefix, s) !== s) return label(prefix, s);
    return f.values?.find((x) => x.name === s)?.label ?? s;
  }
  if (!s) return f.profile ? t('rec.notEntered') : '—';
  return f.kind === 'date' ? formatDate(s) : s;
}
