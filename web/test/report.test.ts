import { describe, expect, it } from 'vitest';
import { breakdownNames, genderSplit, itemLabel } from '../src/report';
import { match } from '../src/router';
import { withQuery } from '../src/api';

describe('report helpers', () => {
  it('reads the gender split from each agreed shape', () => {
    expect(genderSplit({ key: '18-30', label: '18-30', count: 7, by_gender: { nam: 2, nu: 5 } })).toEqual({ nam: 2, nu: 5 });
    expect(genderSplit({ key: 'a', label: 'a', count: 3, nam: 3 })).toEqual({ nam: 3, nu: 0 });
    expect(genderSplit({ key: 'a', label: 'a', count: 9, male: 4, female: 5 })).toEqual({ nam: 4, nu: 5 });
    expect(genderSplit({ key: 'a', label: 'a', count: 9 })).toBeNull();
  });
  it('prefers the server label, then the dictionary', () => {
    expect(itemLabel('theory_level', { key: 'cao_cap', label: 'Cao cấp (server)', count: 1 })).toBe('Cao cấp (server)');
    expect(itemLabel('theory_level', { key: 'cao_cap', label: 'cao_cap', count: 1 })).toBe('Cao cấp');
    expect(itemLabel('base_type', { key: 'phuong', label: '', count: 1 })).toBe('Phường');
    expect(itemLabel('ethnicity', { key: 'kinh', label: '', count: 1 })).toBe('kinh');
  });
  it('orders breakdowns and skips empty ones', () => {
    const item = [{ key: 'k', label: 'k', count: 1 }];
    expect(breakdownNames({ status: item, extra: item, gender: item, religion: [], children: item }))
      .toEqual(['children', 'gender', 'status', 'extra']);
  });
});

describe('routing and queries', () => {
  it('matches path patterns', () => {
    expect(match('/members/:id/:action', '/members/42/transfer')).toEqual({ id: '42', action: 'transfer' });
    expect(match('/orgs/:id', '/orgs/7/')).toEqual({ id: '7' });
    expect(match('/orgs/:id', '/orgs')).toBeNull();
    expect(match('/orgs/:id', '/members/7')).toBeNull();
  });
  it('drops empty query parameters and encodes the rest', () => {
    expect(withQuery('/api/members', { q: 'nguyễn thị', status: '', page: 2, org: undefined })).toBe('/api/members?q=nguy%E1%BB%85n+th%E1%BB%8B&page=2');
    expect(withQuery('/api/members', { q: '' })).toBe('/api/members');
  });
});
