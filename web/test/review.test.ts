import { describe, expect, it } from 'vitest';
import type { Review, ReviewItem, ReviewStep, Rubric } from '../src/api';
import { t } from '../src/i18n';
import {
  allowedSteps, enumText, capAllowed, capView, checkDecision, checkScoredStep, checkScores, checkWeak, codeId, defaultEditing,
  defaultReviewYear, factsFor, formatPoints, formatPointsDelta, formatPp, isLocked, itemsByLevel, latestStep, levelClass,
  levelLabel, levelText, parsePoints, parseYear, problemText, reviewHref, rulesetOf, scoreBand, scoreInput, scoreTotals, stepValues,
  subjectsFor,
} from '../src/review';

// The built-in QĐ 366 rubric of a chi bộ as GET /api/reviews/rubric?subject=chi_bo&year=2025 answers it.
const CHI_BO_366: Rubric = {
  id: 0, name: 'qd366-chi-bo', subject: 'chi_bo', year_from: 2025, year_to: 0, version: 0, builtin: true, graded: false,
  groups: [
    { code: 'I', name: 'Nhóm tiêu chí chung', max: 30, criteria: [
      { code: '1.1', name: 'Lãnh đạo chấp hành', max: 8 }, { code: '1.2', name: 'Giáo dục chính trị', max: 6 },
      { code: '1.3', name: 'Tập trung dân chủ', max: 6 }, { code: '1.4', name: 'Sinh hoạt chi bộ', max: 5 },
      { code: '1.5', name: 'Kiểm tra, giám sát', max: 5 },
    ] },
    { code: 'II', name: 'Kết quả thực hiện nhiệm vụ', max: 70, criteria: [
      { code: '2.1', name: 'Nhiệm vụ chính trị', max: 30 }, { code: '2.2', name: 'Phát triển đảng viên', max: 15 },
      { code: '2.3', name: 'Chính quyền, đoàn thể', max: 10 }, { code: '2.4', name: 'Khắc phục hạn chế', max: 10 },
      { code: '2.5', name: 'Nhiệm vụ đột xuất', max: 5 },
    ] },
  ],
};

const MEMBER_124: Rubric = {
  id: 0, name: 'hd21-qd124-dang-vien', subject: 'member', year_from: 2018, year_to: 2024, version: 0, builtin: true, graded: true,
  groups: [
    { code: 'I', name: 'Các tiêu chí chung', max: 4, criteria: [
      { code: '1', name: 'Chính trị tư tưởng', max: 1 }, { code: '2', name: 'Đạo đức, lối sống', max: 1 },
      { code: '3', name: 'Tác phong', max: 1 }, { code: '4', name: 'Kỷ luật', max: 1 },
    ] },
    { code: 'II', name: 'Kết quả thực hiện nhiệm vụ', max: 1, criteria: [{ code: '5', name: 'Kết quả', max: 1 }] },
  ],
};

const FULL = { '1.1': '8', '1.2': '6', '1.3': '5', '1.4': '5', '1.5': '4', '2.1': '28', '2.2': '14', '2.3': '9', '2.4': '9', '2.5': '4' };
const TODAY = '2026-02-10';
const POINTS_366 = { scoring: 'points', legacy_levels: false };

function step(id: number, kind: ReviewStep['step'], scores: Record<string, number | string>, level: ReviewStep['level'] = 'httnv'): ReviewStep {
  return { id, step: kind, level, total: null, scores };
}

function review(state: Review['state'], steps: ReviewStep[]): Review {
  return {
    id: 1, year: 2025, subject: 'chi_bo', member_id: null, org_id: 5, name: 'Chi bộ Cơ quan',
    ruleset: { name: 'qd366-2025', scoring: 'points', legacy_levels: false }, rubric: { id: 0, name: 'qd366-chi-bo' },
    state, locked: state === 'decided' || state === 'amended', self: null, verified: null, final: null, steps,
  };
}

describe('points', () => {
  it('parses typed points into hundredths, with a decimal comma or point', () => {
    expect(parsePoints('8')).toBe(800);
    expect(parsePoints('7,5')).toBe(750);
    expect(parsePoints(' 8.25 ')).toBe(825);
    expect(parsePoints('0')).toBe(0);
    expect(parsePoints('8,255')).toBeNull();
    expect(parsePoints('-1')).toBeNull();
    expect(parsePoints('7,')).toBeNull();
    expect(parsePoints('tám')).toBeNull();
    expect(parsePoints('')).toBeNull();
    expect(parsePoints('12345')).toBeNull();
  });
  it('formats points the Vietnamese way, without needless decimals', () => {
    expect(formatPoints(7.5)).toBe('7,5');
    expect(formatPoints(7.5, 'en')).toBe('7.5');
    expect(formatPoints(92)).toBe('92');
    expect(formatPoints(8.25)).toBe('8,25');
    expect(formatPoints(1000)).toBe('1.000');
    expect(formatPoints(null)).toBe('—');
    expect(formatPointsDelta(-7)).toBe('-7');
    expect(formatPointsDelta(2.5)).toBe('+2,5');
    expect(formatPointsDelta(0)).toBe('0');
  });
  it('puts saved scores back into the boxes as typed', () => {
    expect(scoreInput(7.5)).toBe('7,5');
    expect(scoreInput(7.5, 'en')).toBe('7.5');
    expect(scoreInput(30)).toBe('30');
    expect(scoreInput(8.05)).toBe('8,05');
    expect(scoreInput('tot')).toBe('tot');
    expect(scoreInput(undefined)).toBe('');
  });
  it('shows changes in percentage points with a sign', () => {
    expect(formatPp(6.8)).toBe('+6,8');
    expect(formatPp(-6.8)).toBe('-6,8');
    expect(formatPp(2)).toBe('+2');
    expect(formatPp(0)).toBe('0');
    expect(formatPp(null)).toBe('—');
    expect(formatPp(-0.04)).toBe('0');
  });
});

describe('rubric validation', () => {
  it('accepts every criterion within its maximum and builds the API text', () => {
    const c = checkScores(CHI_BO_366, { ...FULL, '1.2': '5,5' });
    expect(c.errors).toEqual({});
    expect(c.scores).toBe('1.1=8; 1.2=5.5; 1.3=5; 1.4=5; 1.5=4; 2.1=28; 2.2=14; 2.3=9; 2.4=9; 2.5=4');
  });
  it('refuses a score above the criterion maximum and names the maximum', () => {
    const c = checkScores(CHI_BO_366, { ...FULL, '1.1': '8,5', '2.1': '30' });
    expect(Object.keys(c.errors)).toEqual(['1.1']);
    expect(c.errors['1.1']).toEqual({ key: 'err.pointsMax', params: { max: '8' } });
    expect(problemText(c.errors['1.1'])).toBe('Vượt quá điểm tối đa 8.');
    expect(problemText(c.errors['1.1'], 'en')).toBe('Above the maximum of 8.');
    expect(c.scores).not.toContain('1.1=');
  });
  it('reports missing and malformed scores per criterion', () => {
    const c = checkScores(CHI_BO_366, { ...FULL, '1.3': '', '2.2': 'mười', '2.5': '4,125' });
    expect(c.errors).toEqual({ '1.3': { key: 'err.required' }, '2.2': { key: 'err.points' }, '2.5': { key: 'err.points' } });
  });
  it('takes grades, not points, under a graded rule set', () => {
    const ok = checkScores(MEMBER_124, { 1: 'tot', 2: 'tot', 3: 'xuat_sac', 4: 'tot', 5: 'trung_binh' });
    expect(ok.errors).toEqual({});
    expect(ok.scores).toBe('1=tot; 2=tot; 3=xuat_sac; 4=tot; 5=trung_binh');
    const bad = checkScores(MEMBER_124, { 1: 'good', 2: '8', 3: 'tot', 4: 'tot' });
    expect(bad.errors).toEqual({ 1: { key: 'err.grade' }, 2: { key: 'err.grade' }, 5: { key: 'err.gradeRequired' } });
  });
  it('makes criterion codes safe for element ids', () => {
    expect(codeId('1.1')).toBe('1_1');
    expect(codeId('II')).toBe('II');
  });
});

describe('totals and the score band', () => {
  it('sums each group and the whole, exact to the hundredth', () => {
    const tot = scoreTotals(CHI_BO_366, FULL)!;
    // 8+6+5+5+4 = 28 ; 28+14+9+9+4 = 64
    expect(tot.groups.map((g) => [g.code, g.total, g.max, g.complete])).toEqual([['I', 28, 30, true], ['II', 64, 70, true]]);
    expect(tot.total).toBe(92);
    expect(tot.max).toBe(100);
    expect(tot.complete).toBe(true);
    // 0,1 + 0,2 + 5 + 5 + 4 = 14,3 exactly (not 14.300000000000001); with group II's 64: 78,3
    const frac = scoreTotals(CHI_BO_366, { ...FULL, '1.1': '0,1', '1.2': '0,2' })!;
    expect(frac.groups[0].total).toBe(14.3);
    expect(frac.total).toBe(78.3);
  });
  it('counts only valid scores and says when a group is incomplete', () => {
    const tot = scoreTotals(CHI_BO_366, { ...FULL, '1.1': '9', '2.1': '' })!;
    expect(tot.groups[0]).toMatchObject({ total: 20, complete: false });
    expect(tot.groups[1]).toMatchObject({ total: 36, complete: false });
    expect(tot.total).toBe(56);
    expect(tot.complete).toBe(false);
    expect(scoreTotals(MEMBER_124, { 1: 'tot' })).toBeNull();
  });
  it('gives the QĐ 366 band at each boundary', () => {
    expect(scoreBand(100, POINTS_366)).toBe('htxsnv');
    expect(scoreBand(90, POINTS_366)).toBe('htxsnv');
    expect(scoreBand(89.99, POINTS_366)).toBe('httnv');
    expect(scoreBand(70, POINTS_366)).toBe('httnv');
    expect(scoreBand(69.5, POINTS_366)).toBe('htnv');
    expect(scoreBand(50, POINTS_366)).toBe('htnv');
    expect(scoreBand(49.75, POINTS_366)).toBe('khtnv');
    expect(scoreBand(0, POINTS_366)).toBe('khtnv');
  });
  it('leaves graded and legacy rule sets to the server', () => {
    expect(scoreBand(95, { scoring: 'grades', legacy_levels: false })).toBeNull();
    expect(scoreBand(95, { scoring: 'points', legacy_levels: true })).toBeNull();
    expect(rulesetOf(null, MEMBER_124, 2023)).toEqual({ scoring: 'grades', legacy_levels: false });
    expect(rulesetOf(null, CHI_BO_366, 2016)).toEqual({ scoring: 'points', legacy_levels: true });
    expect(rulesetOf(null, CHI_BO_366, 2025)).toEqual(POINTS_366);
  });
});

describe('levels', () => {
  it('names the four levels in both languages', () => {
    expect(levelLabel('htxsnv')).toBe('Hoàn thành xuất sắc nhiệm vụ');
    expect(levelLabel('khtnv')).toBe('Không hoàn thành nhiệm vụ');
    expect(levelLabel('httnv', 'en')).toBe('Good completion of duties');
    expect(levelLabel(null)).toBe('—');
    expect(levelClass('htnv')).toBe('level level-htnv');
    expect(levelClass('something')).toBe('level');
  });
  it('keeps the server’s legacy labels and translates the standard ones', () => {
    expect(levelText('httnv', 'Hoàn thành tốt nhiệm vụ', 'en')).toBe('Good completion of duties');
    expect(levelText('httnv', 'Hoàn thành tốt nhiệm vụ', 'vi')).toBe('Hoàn thành tốt nhiệm vụ');
    expect(levelText('htxsnv', 'Trong sạch, vững mạnh', 'en')).toBe('Trong sạch, vững mạnh');
    expect(levelText('khtnv', undefined, 'vi')).toBe('Không hoàn thành nhiệm vụ');
  });
  it('names states, subjects and steps in the UI language, the server’s label for unknown ones', () => {
    expect(enumText('reviewstate', 'self_assessed', 'Đã tự đánh giá', 'en')).toBe('Self-assessed');
    expect(enumText('reviewsubject', 'leader', 'Đảng viên là lãnh đạo', 'vi')).toBe('Đảng viên giữ chức vụ lãnh đạo, quản lý');
    expect(enumText('reviewstep', 'new_step', 'Bước mới', 'en')).toBe('Bước mới');
    expect(enumText('reviewstep', 'new_step', undefined, 'en')).toBe('new_step');
  });
});

describe('workflow', () => {
  it('allows the steps in order and only amendments once decided', () => {
    expect(allowedSteps(null)).toEqual(['self_assess']);
    expect(allowedSteps('self_assessed')).toEqual(['self_assess', 'verify']);
    expect(allowedSteps('verified')).toEqual(['verify', 'decide']);
    expect(allowedSteps('decided')).toEqual(['amend']);
    expect(allowedSteps('amended')).toEqual(['amend']);
    expect(isLocked('verified')).toBe(false);
    expect(isLocked('decided')).toBe(true);
    expect(isLocked('amended')).toBe(true);
  });
  it('opens the column a staff member works on next; none for viewers', () => {
    expect(defaultEditing(null, true)).toBe('self');
    expect(defaultEditing('self_assessed', true)).toBe('verify');
    expect(defaultEditing('verified', true)).toBeNull();
    expect(defaultEditing('decided', true)).toBeNull();
    expect(defaultEditing(null, false)).toBeNull();
  });
  it('finds the latest step of a kind and its scores', () => {
    const r = review('verified', [
      step(1, 'self_assess', { '1.1': 8 }), step(2, 'self_assess', { '1.1': 7.5 }), step(3, 'verify', { '1.1': 6 }),
    ]);
    expect(latestStep(r, 'self_assess')?.id).toBe(2);
    expect(latestStep(r, 'decide')).toBeUndefined();
    expect(stepValues(latestStep(r, 'self_assess'))).toEqual({ '1.1': '7,5' });
    expect(stepValues(undefined)).toEqual({});
  });
  it('offers the subjects and facts that apply', () => {
    expect(subjectsFor('members')).toEqual(['member', 'leader']);
    expect(subjectsFor('orgs', 'chi_bo')).toEqual(['chi_bo', 'leadership']);
    expect(subjectsFor('orgs', 'dang_bo')).toEqual(['dang_bo', 'leadership']);
    expect(factsFor('leader')).toContain('votes_low');
    expect(factsFor('member')).not.toContain('votes_low');
    expect(factsFor('chi_bo')).toContain('disunity');
    expect(factsFor('chi_bo')).not.toContain('sub_disciplined');
    expect(factsFor('dang_bo')).toContain('sub_unremedied');
  });
});

describe('self-assessment and verification payloads', () => {
  it('builds the first self-assessment with subject, review date and comments', () => {
    const c = checkScoredStep(CHI_BO_366, 'self_assess', { ...FULL, text: '  Tự nhận xét ', review_date: '20/12/2025' },
      { year: 2025, first: true, subject: 'chi_bo', today: TODAY });
    expect(c.errors).toEqual({});
    expect(c.payload).toEqual({
      year: 2025, step: 'self_assess', scores: checkScores(CHI_BO_366, FULL).scores, text: 'Tự nhận xét',
      subject: 'chi_bo', review_date: '2025-12-20',
    });
  });
  it('refuses a review date outside the review year', () => {
    const c = checkScoredStep(CHI_BO_366, 'self_assess', { ...FULL, review_date: '05/01/2026' }, { year: 2025, first: true, subject: 'chi_bo', today: TODAY });
    expect(c.errors.review_date).toEqual({ key: 'err.reviewDateYear', params: { y: 2025 } });
  });
  it('sends only the verification facts of the subject', () => {
    const c = checkScoredStep(CHI_BO_366, 'verify', { ...FULL, level: 'httnv', disunity: '1', not_duty_related: '1', votes_returned: '10', votes_low: '6' },
      { year: 2025, subject: 'chi_bo', today: TODAY });
    expect(c.errors).toEqual({});
    expect(c.payload).toMatchObject({ step: 'verify', level: 'httnv', disunity: true });
    expect(c.payload).not.toHaveProperty('not_duty_related');
    expect(c.payload).not.toHaveProperty('votes_low');
    expect(c.payload).not.toHaveProperty('subject');
  });
  it('checks a leader’s confidence vote', () => {
    const opts = { year: 2025, subject: 'leader', today: TODAY };
    const m = { '1.1': '8', '1.2': '8', '1.3': '7', '1.4': '7', '2.1': '40', '2.2': '20', '2.3': '10' };
    const member366: Rubric = { ...CHI_BO_366, subject: 'leader', groups: [
      { code: 'I', name: 'Chung', max: 30, criteria: [{ code: '1.1', name: 'a', max: 8 }, { code: '1.2', name: 'b', max: 8 }, { code: '1.3', name: 'c', max: 7 }, { code: '1.4', name: 'd', max: 7 }] },
      { code: 'II', name: 'Kết quả', max: 70, criteria: [{ code: '2.1', name: 'e', max: 40 }, { code: '2.2', name: 'f', max: 20 }, { code: '2.3', name: 'g', max: 10 }] },
    ] };
    expect(checkScoredStep(member366, 'verify', { ...m, votes_returned: '20', votes_low: '11' }, opts).payload).toMatchObject({ votes_returned: 20, votes_low: 11 });
    expect(checkScoredStep(member366, 'verify', { ...m, votes_returned: '20', votes_low: '21' }, opts).errors).toEqual({ votes_low: { key: 'err.votesLow' } });
    expect(checkScoredStep(member366, 'verify', { ...m, votes_returned: '20' }, opts).errors).toEqual({ votes_low: { key: 'err.votesBoth' } });
    expect(checkScoredStep(member366, 'verify', { ...m, votes_returned: '0', votes_low: '0' }, opts).errors).toEqual({ votes_returned: { key: 'err.count' } });
  });
  it('keeps the unremedied sub-units within the disciplined ones', () => {
    const dangBo = { ...CHI_BO_366, subject: 'dang_bo' };
    const opts = { year: 2025, subject: 'dang_bo', today: TODAY };
    expect(checkScoredStep(dangBo, 'verify', { ...FULL, sub_disciplined: '2', sub_unremedied: '3' }, opts).errors).toEqual({ sub_unremedied: { key: 'err.subUnremedied' } });
    expect(checkScoredStep(dangBo, 'verify', { ...FULL, sub_disciplined: '3', sub_unremedied: '1' }, opts).payload).toMatchObject({ sub_disciplined: 3, sub_unremedied: 1 });
  });
});

describe('the excellent-level cap', () => {
  it('allows floor(20% of HTTNV): 5 allow 1, 4 allow none', () => {
    expect(capAllowed(5, 20)).toBe(1);
    expect(capAllowed(4, 20)).toBe(0);
    expect(capAllowed(10, 20)).toBe(2);
    expect(capAllowed(14, 20)).toBe(2);
  });
  it('shows the server’s figures and what is left', () => {
    expect(capView({ group: 'g', level: 'htxsnv', share_pct: 20, excellent: 1, good: 5, allowed: 1, exceeded: false }))
      .toEqual({ state: 'ok', allowed: 1, used: 1, good: 5, share: 20, remaining: 0 });
    expect(capView({ group: 'g', level: 'htxsnv', share_pct: 20, excellent: 1, good: 4, allowed: 0, exceeded: true }).state).toBe('exceeded');
    expect(capView({ group: 'g', level: 'httnv', share_pct: 20, excellent: 0, good: 12, allowed: 2, exceeded: false }).remaining).toBe(2);
    expect(capView({ group: '', level: 'htxsnv', share_pct: 0, excellent: 3, good: 1, allowed: -1, exceeded: false }).state).toBe('none');
  });
});

describe('decision and amendment', () => {
  const ctx = { step: 'decide' as const, year: 2025, capExceeded: false, exceptionAllowed: true, today: TODAY };
  it('needs the level, decision number and date, not in the future', () => {
    expect(checkDecision({}, ctx).errors).toEqual({
      level: { key: 'err.levelRequired' }, decision_no: { key: 'err.required' }, decision_date: { key: 'err.required' },
    });
    expect(checkDecision({ level: 'httnv', decision_no: '12-QĐ/ĐU', decision_date: '11/02/2026' }, ctx).errors)
      .toEqual({ decision_date: { key: 'err.dateFuture' } });
    expect(checkDecision({ level: 'httnv', decision_no: ' 12-QĐ/ĐU ', decision_date: '15/01/2026' }, ctx))
      .toEqual({ errors: {}, payload: { year: 2025, step: 'decide', level: 'httnv', decision_no: '12-QĐ/ĐU', decision_date: '2026-01-15' } });
  });
  it('asks for the exception reason when the cap is broken and the rules allow one', () => {
    const v = { level: 'htxsnv', decision_no: '1', decision_date: '15/01/2026' };
    expect(checkDecision(v, { ...ctx, capExceeded: true }).errors).toEqual({ cap_exception: { key: 'err.capException' } });
    expect(checkDecision({ ...v, cap_exception: 'Đơn vị dẫn đầu phong trào' }, { ...ctx, capExceeded: true }).payload.cap_exception)
      .toBe('Đơn vị dẫn đầu phong trào');
    expect(checkDecision({ ...v, cap_exception: 'x' }, { ...ctx, capExceeded: true, exceptionAllowed: false }).errors)
      .toEqual({ level: { key: 'err.capNoException' } });
  });
  it('amends with a reason; the decision reference is optional', () => {
    const a = { ...ctx, step: 'amend' as const };
    expect(checkDecision({ level: 'htnv' }, a).errors).toEqual({ text: { key: 'err.amendReason' } });
    expect(checkDecision({ level: 'htnv', text: 'Theo kết luận kiểm tra' }, a))
      .toEqual({ errors: {}, payload: { year: 2025, step: 'amend', level: 'htnv', text: 'Theo kết luận kiểm tra' } });
  });
});

describe('weak organizations', () => {
  it('checks the plan editor', () => {
    const ok = checkWeak({ plan: ' Kiện toàn chi ủy ', responsible: 'Nguyễn  Văn A', deadline: '30/06/2026', status: 'in_progress' }, { adding: false, today: TODAY });
    expect(ok).toEqual({ errors: {}, payload: { plan: 'Kiện toàn chi ủy', responsible: 'Nguyễn Văn A', deadline: '2026-06-30', status: 'in_progress' } });
    expect(checkWeak({ status: 'open', consolidated_on: '01/02/2026' }, { adding: false, today: TODAY }).errors)
      .toEqual({ consolidated_on: { key: 'err.consolidatedStatus' } });
    expect(checkWeak({ status: 'consolidated', consolidated_on: '01/03/2026' }, { adding: false, today: TODAY }).errors)
      .toEqual({ consolidated_on: { key: 'err.dateFuture' } });
    expect(checkWeak({ status: 'consolidated', consolidated_on: '01/02/2026' }, { adding: false, today: TODAY }).payload)
      .toMatchObject({ status: 'consolidated', consolidated_on: '2026-02-01' });
  });
  it('needs the organization and year to add one', () => {
    expect(checkWeak({ status: 'open' }, { adding: true, today: TODAY }).errors).toEqual({ org_id: { key: 'err.required' }, year: { key: 'err.year' } });
    expect(checkWeak({ org_id: '7', year: '2025' }, { adding: true, today: TODAY }).payload).toMatchObject({ org_id: 7, year: 2025, status: 'open' });
  });
});

describe('report helpers', () => {
  const item = (o: Partial<ReviewItem>): ReviewItem => ({
    review_id: 1, group: 'branch', name: 'x', code: 'c', unit_id: 4, unit_code: 'u', unit_name: 'U', state: 'decided', member_id: null,
    org_id: 5, self_level: null, self_total: null, verified_level: null, verified_total: null, final_level: null, ...o,
  });
  it('lists a group by final level, undecided last', () => {
    const items = [
      item({ review_id: 1, final_level: 'khtnv' }), item({ review_id: 2, final_level: 'httnv' }), item({ review_id: 3, final_level: null, state: 'verified' }),
      item({ review_id: 4, final_level: 'httnv' }), item({ review_id: 5, group: 'member', final_level: 'htxsnv' }),
    ];
    expect(itemsByLevel(items, 'branch').map((x) => [x.level, x.items.map((i) => i.review_id)])).toEqual([
      ['httnv', [2, 4]], ['khtnv', [1]], [null, [3]],
    ]);
  });
  it('links a row to its review page', () => {
    expect(reviewHref({ member_id: 12, org_id: 5 }, 2025)).toBe('/reviews/members/12?year=2025');
    expect(reviewHref({ member_id: null, org_id: 5 }, 2024)).toBe('/reviews/orgs/5?year=2024');
  });
  it('picks the review year and checks typed years', () => {
    expect(defaultReviewYear('2026-11-26')).toBe(2026);
    expect(defaultReviewYear('2026-12-31')).toBe(2026);
    expect(defaultReviewYear('2026-03-01')).toBe(2025);
    expect(parseYear('2025')).toBe(2025);
    expect(parseYear('25')).toBeNull();
    expect(parseYear('1800')).toBeNull();
  });
  it('has every review message in both languages', () => {
    expect(t('review.capAllowed', { p: 20 })).toBe('Được phép Hoàn thành xuất sắc (20%)');
    expect(t('review.capAllowed', { p: 20 }, 'en')).toBe('Excellent allowed (20%)');
  });
});
