// Pure helpers for a member's timeline.
import type { MemberEvent } from './api';
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
};

/** "Chuyển sinh hoạt đảng (tạm thời, đến 31/12/2025)" */
export function eventTitle(e: MemberEvent): string {
  const parts: string[] = [];
  const prefix = FORM_PREFIX[e.kind];
  if (e.form && prefix) parts.push(label(prefix, e.form));
  if (e.until) parts.push(t('event.until', { d: formatDate(e.until) }));
  const name = label('event', e.kind);
  return parts.length ? `${name} (${parts.join(', ')})` : name;
}
