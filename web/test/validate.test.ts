import { describe, expect, it } from 'vitest';
import {
  checkAdmission, checkAgeRange, checkDiscipline, checkExempt, checkExit, checkOfficial, checkPassword,
  checkReturn, checkTransfer, importContentType, isValidNationalId,
} from '../src/validate';

const TODAY = '2025-06-15';

const goodAdmission = {
  full_name: '  Nguyễn   Thị  Lan ',
  gender: 'nu',
  birth_date: '05/09/1995',
  ethnicity: 'Kinh',
  religion: 'Không',
  hometown: 'Hà Nội',
  national_id: '001 195 012 345',
  education: '12/12',
  professional_level: 'Cử nhân',
  theory_level: 'so_cap',
  org_id: '42',
  decision_no: '123-QĐ/ĐU',
  decision_date: '01/06/2025',
  ceremony_date: '10/06/2025',
};

describe('admission', () => {
  it('accepts a complete form and builds the API payload', () => {
    const { errors, payload } = checkAdmission(goodAdmission, TODAY);
    expect(errors).toEqual({});
    expect(payload).toMatchObject({
      full_name: 'Nguyễn Thị Lan',
      gender: 'nu',
      birth_date: '1995-09-05',
      national_id: '001195012345',
      org_id: 42,
      decision_date: '2025-06-01',
      ceremony_date: '2025-06-10',
      theory_level: 'so_cap',
    });
  });
  it('names every missing required field', () => {
    const { errors } = checkAdmission({}, TODAY);
    expect(Object.keys(errors).sort()).toEqual(
      ['birth_date', 'decision_date', 'decision_no', 'full_name', 'gender', 'org_id'].sort(),
    );
    expect(errors.full_name).toBe('err.required');
  });
  it('rejects malformed values', () => {
    const { errors } = checkAdmission(
      { ...goodAdmission, full_name: 'Lan', birth_date: '31/02/1995', national_id: '12345', ceremony_date: '30/05/2025' },
      TODAY,
    );
    expect(errors).toEqual({
      full_name: 'err.name',
      birth_date: 'err.date',
      national_id: 'err.nationalId',
      ceremony_date: 'err.dateOrder',
    });
  });
  it('rejects dates in the future', () => {
    const { errors } = checkAdmission({ ...goodAdmission, decision_date: '16/06/2025', ceremony_date: '' }, TODAY);
    expect(errors).toEqual({ decision_date: 'err.dateFuture' });
  });
  it('leaves the optional fields optional', () => {
    const { errors, payload } = checkAdmission({ ...goodAdmission, national_id: '', ceremony_date: '' }, TODAY);
    expect(errors).toEqual({});
    expect(payload.ceremony_date).toBeNull();
    expect(payload.national_id).toBe('');
  });
});

describe('member actions', () => {
  it('official recognition needs a decision', () => {
    expect(checkOfficial({}, TODAY).errors).toEqual({ decision_no: 'err.required', decision_date: 'err.required' });
    expect(checkOfficial({ decision_no: '5', decision_date: '1/6/2025' }, TODAY).payload)
      .toEqual({ decision_no: '5', decision_date: '2025-06-01' });
  });
  it('temporary transfers need an end date after the start', () => {
    const base = { to_org_id: '7', kind: 'temporary', date: '01/07/2025', decision_no: '9' };
    expect(checkTransfer(base, TODAY).errors).toEqual({ until: 'err.required' });
    expect(checkTransfer({ ...base, until: '01/07/2025' }, TODAY).errors).toEqual({ until: 'err.untilOrder' });
    const ok = checkTransfer({ ...base, until: '31/12/2025' }, TODAY);
    expect(ok.errors).toEqual({});
    expect(ok.payload).toEqual({ to_org_id: 7, kind: 'temporary', date: '2025-07-01', decision_no: '9', until: '2025-12-31' });
  });
  it('official transfers ignore the end date', () => {
    const r = checkTransfer({ to_org_id: '7', kind: 'official', date: '01/07/2025', decision_no: '9', until: 'x' }, TODAY);
    expect(r.errors).toEqual({});
    expect(r.payload.until).toBeNull();
  });
  it('transfer needs a destination', () => {
    expect(checkTransfer({ kind: 'official', date: '01/07/2025', decision_no: '9' }, TODAY).errors)
      .toEqual({ to_org_id: 'err.required' });
  });
  it('discipline needs form, date, decision and reason', () => {
    expect(checkDiscipline({ reason: '   ' }, TODAY).errors).toEqual({
      form: 'err.required', date: 'err.required', decision_no: 'err.required', reason: 'err.required',
    });
    expect(checkDiscipline({ form: 'canh_cao', date: '02/01/2025', decision_no: '1', reason: 'Vi phạm' }, TODAY).errors)
      .toEqual({});
  });
  it('exemption and exit check their dates', () => {
    expect(checkExempt({ date: '2025-13-01', decision_no: '1' }, TODAY).errors).toEqual({ date: 'err.date' });
    expect(checkExit({ kind: 'tu_tran', date: '01/01/2026', decision_no: '1' }, TODAY).errors)
      .toEqual({ date: 'err.dateFuture' });
    expect(checkExit({ kind: 'xin_ra', date: '01/01/2025', decision_no: '1', reason: ' Hoàn  cảnh ' }, TODAY).payload)
      .toEqual({ kind: 'xin_ra', date: '2025-01-01', decision_no: '1', reason: 'Hoàn cảnh' });
  });
  it('an exemption can be ended', () => {
    expect(checkExempt({ date: '01/03/2025', decision_no: '2' }, TODAY).payload).toEqual({ date: '2025-03-01', decision_no: '2' });
    expect(checkExempt({ date: '01/03/2025', decision_no: '2', end: '1' }, TODAY).payload)
      .toEqual({ date: '2025-03-01', decision_no: '2', end: true });
  });
  it('a return needs its date and decision', () => {
    expect(checkReturn({}, TODAY).errors).toEqual({ date: 'err.required', decision_no: 'err.required' });
    expect(checkReturn({ date: '02/07/2025', decision_no: '3' }, TODAY).payload).toEqual({ date: '2025-07-02', decision_no: '3' });
  });
});

describe('password', () => {
  it('enforces length, difference and confirmation', () => {
    expect(checkPassword({ old_password: 'a', new_password: 'short', confirm: 'short' }).errors)
      .toEqual({ new_password: 'err.passwordShort' });
    expect(checkPassword({ old_password: 'abcdefgh', new_password: 'abcdefgh', confirm: 'abcdefgh' }).errors)
      .toEqual({ new_password: 'err.passwordSame' });
    expect(checkPassword({ old_password: 'a', new_password: 'mậtkhẩu1', confirm: 'matkhau1' }).errors)
      .toEqual({ confirm: 'err.passwordMatch' });
    expect(checkPassword({ old_password: 'a', new_password: 'mậtkhẩu1', confirm: 'mậtkhẩu1' }).errors).toEqual({});
  });
});

describe('small checks', () => {
  it('age filters', () => {
    expect(checkAgeRange('', '')).toEqual({});
    expect(checkAgeRange('30', '20')).toEqual({ age_max: 'err.ageOrder' });
    expect(checkAgeRange('-1', '2.5')).toEqual({ age_min: 'err.age', age_max: 'err.age' });
    expect(checkAgeRange('18', '18')).toEqual({});
  });
  it('national IDs', () => {
    expect(isValidNationalId('001195012345')).toBe(true);
    expect(isValidNationalId('001.195.012.345')).toBe(true);
    expect(isValidNationalId('00119501234')).toBe(false);
    expect(isValidNationalId('00119501234a')).toBe(false);
  });
  it('import file types', () => {
    expect(importContentType('ds.CSV')).toBe('text/csv');
    expect(importContentType('a.xlsx')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(importContentType('a.xls')).toBeNull();
  });
});
