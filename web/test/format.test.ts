import { describe, expect, it } from 'vitest';
import {
  daysInMonth, formatDate, formatDelta, formatNumber, formatPercent, formatPercentValue, parseDate,
  todayIso, yearsBetween,
  sentence,
} from '../src/format';

describe('formatNumber', () => {
  it('groups thousands with dots in Vietnamese', () => {
    expect(formatNumber(457397)).toBe('457.397');
    expect(formatNumber(1234567, 'vi')).toBe('1.234.567');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(1000)).toBe('1.000');
    expect(formatNumber(0)).toBe('0');
  });
  it('groups with commas in English', () => {
    expect(formatNumber(457397, 'en')).toBe('457,397');
  });
  it('uses a decimal comma in Vietnamese', () => {
    expect(formatNumber(1234.5, 'vi', 1)).toBe('1.234,5');
    expect(formatNumber(1234.5, 'en', 2)).toBe('1,234.50');
  });
  it('handles negatives and missing values', () => {
    expect(formatNumber(-45000)).toBe('-45.000');
    expect(formatNumber(-0.01, 'vi', 1)).toBe('0,0');
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
  });
});

describe('percents', () => {
  it('formats 17,9% in Vietnamese and 17.9% in English', () => {
    expect(formatPercentValue(17.94)).toBe('17,9%');
    expect(formatPercentValue(17.94, 'en')).toBe('17.9%');
    expect(formatPercentValue(100)).toBe('100,0%');
  });
  it('computes part of total', () => {
    // 81 875 of 457 397 = 17.900...%
    expect(formatPercent(81875, 457397)).toBe('17,9%');
    expect(formatPercent(1, 3, 'vi', 2)).toBe('33,33%');
    expect(formatPercent(5, 0)).toBe('—');
  });
  it('signs changes', () => {
    expect(formatDelta(1200)).toBe('+1.200');
    expect(formatDelta(-3)).toBe('-3');
    expect(formatDelta(0)).toBe('0');
  });
});

describe('dates', () => {
  it('shows ISO dates as dd/mm/yyyy', () => {
    expect(formatDate('2024-03-07')).toBe('07/03/2024');
    expect(formatDate('1990-12-31T00:00:00Z')).toBe('31/12/1990');
    expect(formatDate('')).toBe('—');
    expect(formatDate(null)).toBe('—');
  });
  it('parses dd/mm/yyyy to ISO', () => {
    expect(parseDate('07/03/2024')).toBe('2024-03-07');
    expect(parseDate(' 7/3/2024 ')).toBe('2024-03-07');
    expect(parseDate('07-03-2024')).toBe('2024-03-07');
    expect(parseDate('07.03.2024')).toBe('2024-03-07');
    expect(parseDate('2024-03-07')).toBe('2024-03-07');
  });
  it('rejects impossible dates', () => {
    expect(parseDate('29/02/2023')).toBeNull();
    expect(parseDate('29/02/2024')).toBe('2024-02-29');
    expect(parseDate('29/02/1900')).toBeNull();
    expect(parseDate('29/02/2000')).toBe('2000-02-29');
    expect(parseDate('31/04/2024')).toBeNull();
    expect(parseDate('00/01/2024')).toBeNull();
    expect(parseDate('01/13/2024')).toBeNull();
    expect(parseDate('2024/03/07')).toBeNull();
    expect(parseDate('7/3/24')).toBeNull();
    expect(parseDate('abc')).toBeNull();
    expect(parseDate('')).toBeNull();
  });
  it('round-trips every day of a leap year', () => {
    let count = 0;
    for (let m = 1; m <= 12; m++) {
      for (let d = 1; d <= daysInMonth(2024, m); d++) {
        const typed = `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/2024`;
        const iso = parseDate(typed);
        expect(iso).not.toBeNull();
        expect(formatDate(iso)).toBe(typed);
        count++;
      }
    }
    expect(count).toBe(366);
  });
  it('computes whole years', () => {
    expect(yearsBetween('2000-05-10', '2024-05-09')).toBe(23);
    expect(yearsBetween('2000-05-10', '2024-05-10')).toBe(24);
    expect(yearsBetween(null, '2024-05-10')).toBeNull();
  });
  it('gives today in ISO', () => {
    expect(todayIso(new Date(2025, 0, 5))).toBe('2025-01-05');
  });
});

import { formatChange, formatDateWords } from '../src/format';

describe('formatChange', () => {
  it('writes a fall with its share of the earlier value', () => {
    // 10 of 192 is 5.208…% → 5,2%
    expect(formatChange(192, 182)).toBe('giảm 10 (5,2%)');
    expect(formatChange(19068, 18910)).toBe('giảm 158 (0,8%)');
  });
  it('writes a rise, no change, and a rise from zero', () => {
    expect(formatChange(226, 254)).toBe('tăng 28 (12,4%)');
    expect(formatChange(5, 5)).toBe('không đổi');
    expect(formatChange(0, 3)).toBe('tăng 3');
    expect(formatChange(1000, 2500, 'en')).toBe('up 1,500 (150.0%)');
  });
  it('writes the date of a document in words', () => {
    expect(formatDateWords('2026-12-04')).toBe('ngày 04 tháng 12 năm 2026');
  });
});

describe('sentence', () => {
  it('capitalizes the first letter, Vietnamese ones included', () => {
    expect(sentence('chưa đăng nhập')).toBe('Chưa đăng nhập');
    expect(sentence('đã hết hạn')).toBe('Đã hết hạn');
    expect(sentence('ủy ban')).toBe('Ủy ban');
    expect(sentence('Đúng rồi')).toBe('Đúng rồi');
    expect(sentence('')).toBe('');
    expect(sentence('12 tuổi')).toBe('12 tuổi');
  });
});
