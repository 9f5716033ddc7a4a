import { describe, expect, it } from 'vitest';
import type { MemberEvent, MemberFieldDef } from '../src/api';
import { eventTitle, fieldText, onTemporaryTransfer, sortEvents, suspended } from '../src/member';

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
  it('names the events of domain.md §3 with their form', () => {
    expect(eventTitle(ev(1, '2019-03-15', 'commend', { form: 'bang_khen' }))).toBe('Khen thưởng (Bằng khen)');
    expect(eventTitle(ev(2, '2020-02-03', 'badge', { form: '30' }))).toBe('Huy hiệu Đảng (30 năm tuổi Đảng)');
    expect(eventTitle(ev(3, '2012-06-01', 'card', { form: 'reissued_lost' }))).toBe('Thẻ đảng viên (Cấp lại thẻ do mất)');
    expect(eventTitle(ev(4, '2021-01-01', 'suspend', { form: 'start' }))).toBe('Đình chỉ sinh hoạt đảng (bắt đầu)');
    expect(eventTitle(ev(5, '2021-01-01', 'restore'))).toBe('Phục hồi đảng tịch');
  });
  it('knows when a suspension is in force', () => {
    const s1 = ev(2, '2021-01-01', 'suspend', { form: 'start' });
    expect(suspended([ev(1, '2019-01-01', 'admit')])).toBe(false);
    expect(suspended([s1])).toBe(true);
    expect(suspended([ev(3, '2021-03-01', 'suspend', { form: 'end' }), s1])).toBe(false);
  });
  it('reads a field of the record as the board does', () => {
    const occ: MemberFieldDef = { key: 'occupation', label: 'Nghề nghiệp hiện nay', option: 'occupation', kind: 'enum', max: 32,
      required: false, not_future: false, profile: true, default: null,
      values: [{ name: 'chua_cap_nhat', label: 'Chưa cập nhật' }, { name: 'vien_chuc', label: 'Viên chức' }] };
    expect(fieldText(occ, 'chua_cap_nhat')).toBe('chưa cập nhật');
    expect(fieldText(occ, 'vien_chuc')).toBe('Viên chức');
    const gender: MemberFieldDef = { ...occ, key: 'gender', profile: false, values: [{ name: 'nu', label: 'Nữ' }] };
    expect(fieldText(gender, 'nu')).toBe('Nữ');
    const birth: MemberFieldDef = { ...occ, key: 'birth_date', kind: 'date', profile: false, values: undefined };
    expect(fieldText(birth, '1982-04-05')).toBe('05/04/1982');
    expect(fieldText({ ...occ, kind: 'digits', key: 'dossier_no', values: undefined }, '')).toBe('chưa cập nhật');
  });
});
