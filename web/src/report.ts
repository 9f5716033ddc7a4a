// Pure helpers for the structure report page (kept apart from the chart code so they are unit-tested).
import type { BreakdownItem } from './api';
import { label } from './i18n';

/** Men / women in one age band, whichever of the shapes the server sends. */
export function genderSplit(item: BreakdownItem): { nam: number; nu: number } | null {
  const g = item.by_gender;
  if (g && (g.nam !== undefined || g.nu !== undefined)) return { nam: g.nam ?? 0, nu: g.nu ?? 0 };
  if (item.nam !== undefined || item.nu !== undefined) return { nam: item.nam ?? 0, nu: item.nu ?? 0 };
  if (item.male !== undefined || item.female !== undefined) return { nam: item.male ?? 0, nu: item.female ?? 0 };
  return null;
}

const PREFIX: Record<string, string> = {
  theory_level: 'theory', status: 'status', gender: 'gender', base_type: 'basetype',
};

/** The server's label when it sent one, else our dictionary's name for the key, else the key. */
export function itemLabel(breakdown: string, item: BreakdownItem): string {
  if (item.label && item.label !== item.key) return item.label;
  const prefix = PREFIX[breakdown];
  return prefix ? label(prefix, item.key) : item.label || item.key;
}

export const BREAKDOWN_ORDER = ['children', 'base_type', 'gender', 'age_band', 'party_age_band', 'ethnicity', 'religion',
  'education', 'theory_level', 'status'];

/** Breakdown names in display order: the known ones first, then any others the server adds. */
export function breakdownNames(bd: Record<string, BreakdownItem[]>): string[] {
  const present = (k: string) => Array.isArray(bd[k]) && bd[k].length > 0;
  return [...BREAKDOWN_ORDER.filter(present), ...Object.keys(bd).filter((k) => !BREAKDOWN_ORDER.includes(k) && present(k))];
}
