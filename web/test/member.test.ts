import { describe, expect, it } from 'vitest';
import type { MemberEvent } from '../src/api';
import { eventTitle, onTemporaryTransfer, sortEvents } from '../src/member';

const ev = (id: number, date: string, kind: string, extra: Partial<MemberEvent> = {}): MemberEvent => ({ id, date, kind, ...extra });

describe('member timeline', () => {
  it('sorts by date, then id', () => {
    const s = sortEvents([ev(3, '2020-05-01', 'official'), ev(2, '2019-01-01', 'admit'), ev(1, '2020-05-01', 'transfer')]);
    expect(s.map((e) => e.id)).toEqual([2, 1, 3]);
  });
  it('knows when a temporary transfer is open', () => {
    const admit = ev(1, '2019-01-01', 'admit');
    const temp = ev(2, '2021-03-01', 'transfer', { form: 'temporary', until: '2021-12-31' });
    expect(onTemporaryTransfer([admit])).toBe(false);
    expect(onTemporaryTransfer([temp, admit])).toBe(true);
    expect(onTemporaryTransfer([admit, temp, ev(3, '2021-12-31', 'return')])).toBe(false);
    expect(onTemporaryTransfer([admit, temp, ev(3, '2022-01-05', 'transfer', { form: 'official' })])).toBe(false);
  });
  it('names events with their form and end date', () => {
    expect(eventTitle(ev(1, '2021-03-01', 'transfer', { form: 'temporary', until: '2021-12-31' })))
      .toBe('Chuyển sinh hoạt đảng (tạm thời, đến 31/12/2021)');
    expect(eventTitle(ev(2, '2022-01-01', 'discipline', { form: 'canh_cao' }))).toBe('Kỷ luật (Cảnh cáo)');
    expect(eventTitle(ev(3, '2019-01-01', 'admit'))).toBe('Kết nạp');
    expect(eventTitle(ev(4, '2019-01-01', 'something_new'))).toBe('something_new');
  });
});
