import { describe, expect, it } from 'vitest';
import { dictionaries, label, t } from '../src/i18n';
import memberC from '../../src/core/member.c?raw';

describe('i18n', () => {
  it('has the same keys in both languages, none empty', () => {
    const vi = Object.keys(dictionaries.vi).sort();
    const en = Object.keys(dictionaries.en).sort();
    expect(en).toEqual(vi);
    for (const lang of ['vi', 'en'] as const) {
      for (const [k, v] of Object.entries(dictionaries[lang])) expect(v.trim(), `${lang} ${k}`).not.toBe('');
    }
  });
  it('keeps the same placeholders in both languages', () => {
    const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join(',');
    for (const k of Object.keys(dictionaries.vi) as (keyof typeof dictionaries.vi)[]) {
      expect(holes(dictionaries.en[k]), k).toBe(holes(dictionaries.vi[k]));
    }
  });
  it('defaults to Vietnamese and fills placeholders', () => {
    expect(t('nav.members')).toBe('Đảng viên');
    expect(t('member.page', { p: 2, n: 10 })).toBe('Trang 2/10');
    expect(t('member.page', { p: 2, n: 10 }, 'en')).toBe('Page 2/10');
  });
  it('labels enum values and falls back to the raw value', () => {
    expect(label('gender', 'nu')).toBe('Nữ');
    expect(label('gender', 'nu', 'en')).toBe('Female');
    expect(label('status', 'something_new')).toBe('something_new');
    expect(label('status', null)).toBe('—');
  });
});

// The UI's Vietnamese names of the member's coded values are a copy of the core's table
// (src/core/member.c): read that table from the source and hold the copy to it, so a report
// and a form never name the same value twice differently ("Chưa có" / "Chưa qua đào tạo").
describe('labels shared with the core', () => {
  const src = memberC;
  const table = (cname: string): [string, string][] => {
    const body = new RegExp(`${cname}\\[[A-Z_]+\\] = \\{([^;]*)\\};`).exec(src);
    expect(body, cname).not.toBeNull();
    return [...body![1].matchAll(/\{"([a-z_]+)", "([^"]+)"/g)].map((m) => [m[1], m[2]]);
  };
  for (const [cname, prefix] of [['member_gender_values', 'gender'], ['member_theory_values', 'theory'], ['statuses', 'status']] as const) {
    it(`names every ${prefix} value as the core does`, () => {
      const rows = table(cname);
      expect(rows.length).toBeGreaterThan(1);
      for (const [name, vi] of rows) expect(label(prefix, name), `${prefix}.${name}`).toBe(vi);
    });
  }
});
