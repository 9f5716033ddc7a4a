// End-to-end: the annual quality review pages in Debian's chromium against a real `tcxd serve` over
// `tcxd demo --profile small`. One chi bộ goes from self-assessment through verification to the
// committee's decision (and is locked); one member is reviewed, decided and amended; the reports
// show the levels with the change against the previous year, the leniency and the weak list.
// Expected figures come from the API (or are computed here), never from what the page printed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Api, loginPage, PASSWORDS, shoot, startBrowser, startServer } from './harness.mjs';

// QĐ 366 (points out of 100) applies from 2025; the demo's registry runs to today.
const YEAR = 2025;
const DECISION_DATE = { iso: `${YEAR + 1}-01-15`, dmy: `15/01/${YEAR + 1}` };

const codeId = (code) => code.replace(/[^A-Za-z0-9_-]/g, '_');
const fmt = (n) => {
  const h = Math.round(n * 100);
  const whole = Math.trunc(h / 100);
  const frac = String(h % 100).padStart(2, '0').replace(/0$/, '');
  return h % 100 === 0 ? String(whole) : `${whole},${frac}`;
};
const sum = (xs) => xs.reduce((a, b) => a + b, 0);

let server, browser, page, api;
let districtA, branch, otherBranch;
const consoleErrors = [];
const overflows = {};

const login = (username, password) => loginPage(page, server.base, username, password);

async function chiBoLeaves(orgId) {
  const out = [];
  const queue = [orgId];
  while (queue.length) {
    const id = queue.shift();
    const r = await api.call('GET', `/api/orgs/${id}/children`);
    assert.equal(r.status, 200);
    for (const k of r.body.items) {
      if ((k.child_count ?? 0) === 0 && k.form === 'chi_bo') out.push(k);
      else queue.push(k.id);
    }
  }
  return out;
}

async function rubric(subject) {
  const r = await api.call('GET', `/api/reviews/rubric?subject=${subject}&year=${YEAR}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.graded, false, `${YEAR} is scored in points`);
  return r.body.groups.flatMap((g) => g.criteria);
}

async function fillColumn(col, values) {
  for (const [code, v] of Object.entries(values)) await page.fill(`#${col}-${codeId(code)}`, String(v).replace('.', ','));
}

/** Self-assessment, verification and decision through the API (setting up report figures). */
async function reviewByApi(kind, id, year, scores, level, decisionNo) {
  const text = Object.entries(scores).map(([c, v]) => `${c}=${v}`).join('; ');
  for (const step of ['self_assess', 'verify']) {
    const r = await api.call('POST', `/api/reviews/${kind}/${id}/steps`, { year, step, scores: text });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  const body = { year, step: 'decide', level, decision_no: decisionNo, decision_date: `${year + 1}-01-10` };
  // an organization decided before its members needs a recorded reason (the order rule)
  if (kind === 'orgs') body.override_reason = 'Xếp loại tổ chức trước theo kế hoạch.';
  const d = await api.call('POST', `/api/reviews/${kind}/${id}/steps`, body);
  assert.equal(d.status, 201, JSON.stringify(d.body));
  return d.body;
}

describe('quality review pages', { timeout: 300_000 }, () => {
  before(async () => {
    server = await startServer();
    api = new Api(server.base);
    await api.login('e2e-admin', PASSWORDS.admin);
    const root = (await api.call('GET', '/api/orgs/root')).body;
    const kids = (await api.call('GET', `/api/orgs/${root.id}/children`)).body.items;
    districtA = kids.find((k) => /quận|huyện|thị xã|thành phố/i.test(k.name)) ?? kids[0];
    const leaves = await chiBoLeaves(districtA.id);
    assert.ok(leaves.length >= 2, 'the district has at least two chi bộ');
    [branch, otherBranch] = leaves;
    browser = await startBrowser();
    page = await browser.context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    await login('e2e-admin', PASSWORDS.admin);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('walks one chi bộ from self-assessment through verification to the decision, then locks it', async () => {
    const crit = await rubric('chi_bo');
    // Navigation entry on the organization page, then the year.
    await page.goto(`${server.base}/orgs/${branch.id}`);
    await page.locator('[data-testid=org-review]').click();
    await page.waitForURL(`**/reviews/orgs/${branch.id}`);
    await page.fill('#review-year', String(YEAR));
    await page.getByRole('button', { name: 'Xem năm này' }).click();
    await page.waitForURL(`**/reviews/orgs/${branch.id}?year=${YEAR}`);
    await page.locator('[data-testid=rubric-form]').waitFor();
    assert.match(await page.locator('[data-testid=review-state]').innerText(), new RegExp(`Chưa đánh giá năm ${YEAR}`));
    assert.equal(await page.locator('[data-testid=rubric] tr[data-criterion]').count(), crit.length, 'one row per criterion');

    // Self-assessment: a score above its maximum is refused next to the field and nothing is sent.
    const first = crit[0];
    await fillColumn('self', { [first.code]: first.max + 1 });
    await page.getByRole('button', { name: 'Ghi tự đánh giá' }).click();
    const overErr = page.locator(`[data-field-error="self-${codeId(first.code)}"]`);
    await overErr.waitFor();
    assert.match(await overErr.innerText(), new RegExp(`Vượt quá điểm tối đa ${fmt(first.max)}`));
    assert.equal(await page.locator(`#self-${codeId(first.code)}`).getAttribute('aria-invalid'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement?.id), `self-${codeId(first.code)}`, 'focus moves to the first error');
    assert.equal((await api.call('GET', `/api/reviews/orgs/${branch.id}?year=${YEAR}`)).status, 404, 'nothing was written');

    // Every criterion at its maximum, one a point lower: 99 of 100.
    const selfScores = Object.fromEntries(crit.map((c, i) => [c.code, i === crit.length - 2 ? c.max - 1 : c.max]));
    const selfTotal = sum(Object.values(selfScores));
    await fillColumn('self', selfScores);
    assert.equal((await page.locator('[data-total=self] strong').innerText()).trim(), fmt(selfTotal));
    assert.match(await page.locator('[data-band=self]').innerText(), /Hoàn thành xuất sắc nhiệm vụ/);
    await page.fill('#text', 'Chi bộ tự đánh giá hoàn thành xuất sắc.');
    overflows.self = await shoot(page, 'review-self');
    await page.getByRole('button', { name: 'Ghi tự đánh giá' }).click();
    await page.locator('[data-testid=review-notice]').waitFor();
    const afterSelf = (await api.call('GET', `/api/reviews/orgs/${branch.id}?year=${YEAR}`)).body;
    assert.equal(afterSelf.state, 'self_assessed');
    assert.equal(afterSelf.self.total, selfTotal);
    assert.match(await page.locator('[data-testid=review-state]').innerText(), /Đã tự đánh giá/);

    // Verification, side by side with the self-assessment: copy, then lower three criteria.
    await page.locator('[data-testid=copy-self]').click();
    const verifyScores = { ...selfScores };
    for (const c of crit.slice(0, 3)) verifyScores[c.code] = c.max - 2.5;
    const verifyTotal = sum(Object.values(verifyScores));
    await fillColumn('verify', verifyScores);
    assert.equal((await page.locator('[data-total=verify] strong').innerText()).trim(), fmt(verifyTotal));
    assert.equal((await page.locator(`tr[data-criterion="${first.code}"] td.diff-down`).innerText()).trim(), '-2,5');
    await page.fill('#text', 'Thẩm định: hạ điểm ba tiêu chí chung.');
    overflows.verify = await shoot(page, 'review-verify');
    await page.getByRole('button', { name: 'Ghi kết quả thẩm định' }).click();
    const dlg = page.locator('dialog[open]');
    await dlg.waitFor();
    await dlg.locator('[data-testid=confirm-yes]').click();
    await page.locator('[data-testid=decision]').waitFor();
    const verified = (await api.call('GET', `/api/reviews/orgs/${branch.id}?year=${YEAR}`)).body;
    assert.equal(verified.state, 'verified');
    assert.equal(verified.verified.total, verifyTotal);
    assert.equal(await page.locator(`#self-${codeId(first.code)}`).count(), 0, 'the self-assessment is closed after verification');

    // The decision screen: the system's proposal and its reasons, the cap of the group.
    const reasons = await page.locator('[data-testid=proposal-reasons] li').allInnerTexts();
    assert.deepEqual(reasons.map((s) => s.trim()), verified.proposal.reasons);
    assert.match(await page.locator('[data-testid=proposal]').innerText(), new RegExp(verified.proposal.label));
    const level = verified.proposal.level;
    assert.equal(await page.locator(`#level-${level}`).isChecked(), true, 'the proposal is preselected');
    const capApi = (await api.call('GET', `/api/reviews/orgs/${branch.id}?year=${YEAR}&level=${level}`)).body;
    await page.waitForFunction((n) => document.querySelector('[data-testid=cap-allowed]')?.textContent === n, String(capApi.cap.allowed));
    assert.equal((await page.locator('[data-testid=cap-used]').innerText()).trim(), String(capApi.cap.excellent));
    assert.equal((await page.locator('[data-testid=cap-good]').innerText()).trim(), String(capApi.cap.good));
    assert.equal(await page.locator('[data-testid=cap-group]').innerText(), capApi.cap.group);

    await page.fill('#decision_no', '15-QĐ/QU');
    await page.fill('#decision_date', DECISION_DATE.dmy);
    if (capApi.cap.exceeded && capApi.cap_exception_allowed) {
      await page.locator('[data-testid=cap-exceeded]').waitFor();
      await page.locator('[data-testid=decide-submit]').click();
      await page.locator('[data-field-error=cap_exception]').waitFor();
      assert.equal(await page.locator('dialog[open]').count(), 0, 'no confirmation without the exception reason');
      await page.fill('#cap_exception', 'Chi bộ dẫn đầu phong trào thi đua của quận.');
    }
    // the chi bộ is decided before its members: the board records why (QĐ 124's order)
    await page.fill('#override_reason', 'Chi bộ xếp loại trước theo kế hoạch của Ban Thường vụ.');
    overflows.decision = await shoot(page, 'review-decision');
    await page.locator('[data-testid=decide-submit]').click();
    await page.locator('dialog[open]').waitFor();
    await page.locator('dialog[open] [data-testid=confirm-yes]').click();
    await page.locator('[data-testid=locked]').waitFor();

    const decided = (await api.call('GET', `/api/reviews/orgs/${branch.id}?year=${YEAR}`)).body;
    assert.equal(decided.state, 'decided');
    assert.equal(decided.locked, true);
    assert.equal(decided.final.level, level);
    assert.equal(decided.final.decision_no, '15-QĐ/QU');
    assert.equal(decided.final.decision_date, DECISION_DATE.iso);
    // Locked: no score boxes, no step buttons, no decision form; the result and the amendment button show.
    await page.reload();
    await page.locator('[data-testid=decided]').waitFor();
    assert.match(await page.locator('[data-testid=decided]').innerText(), new RegExp(decided.final.label));
    assert.equal(await page.locator('[data-testid=rubric] input, [data-testid=rubric] select').count(), 0);
    assert.equal(await page.locator('[data-testid=save-step], [data-testid=edit-self], [data-testid=edit-verify], [data-testid=decide-form]').count(), 0);
    assert.equal(await page.locator('[data-testid=start-amend]').count(), 1);
    assert.deepEqual(await page.locator('[data-testid=review-steps] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-step'))),
      ['self_assess', 'verify', 'decide']);
    overflows.locked = await shoot(page, 'review-locked');
  });

  it('reviews a member from the profile, decides and amends with a reason', async () => {
    const members = (await api.call('GET', `/api/members?org=${branch.id}&status=official&page_size=200`)).body.items;
    const m = [...members].sort((a, b) => (b.party_age_years ?? 0) - (a.party_age_years ?? 0))[0];
    assert.ok(m, 'the chi bộ has an official member');
    const crit = await rubric('member');
    await page.goto(`${server.base}/members/${m.id}`);
    await page.locator('[data-testid=member-review]').click();
    await page.waitForURL(`**/reviews/members/${m.id}`);
    await page.fill('#review-year', String(YEAR));
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/reviews/members/${m.id}?year=${YEAR}`);
    await page.locator('#self-' + codeId(crit[0].code)).waitFor();

    const selfScores = Object.fromEntries(crit.map((c) => [c.code, c.max]));
    await fillColumn('self', selfScores);
    await page.getByRole('button', { name: 'Ghi tự đánh giá' }).click();
    await page.locator('[data-testid=review-notice]').waitFor();

    // Verified at 85: "Hoàn thành tốt nhiệm vụ" by the QĐ 366 bands (70–89).
    const verifyScores = { ...selfScores };
    const big = crit.reduce((a, b) => (b.max > a.max ? b : a));
    verifyScores[big.code] = big.max - 15;
    const verifyTotal = sum(Object.values(verifyScores));
    assert.equal(verifyTotal, 85);
    await page.locator('[data-testid=copy-self]').click();
    await fillColumn('verify', { [big.code]: verifyScores[big.code] });
    assert.match(await page.locator('[data-band=verify]').innerText(), /Hoàn thành tốt nhiệm vụ/);
    await page.getByRole('button', { name: 'Ghi kết quả thẩm định' }).click();
    await page.locator('dialog[open] [data-testid=confirm-yes]').click();
    await page.locator('[data-testid=decide-form]').waitFor();
    const verified = (await api.call('GET', `/api/reviews/members/${m.id}?year=${YEAR}`)).body;
    assert.equal(verified.verified.total, 85);
    const facts = await page.locator('[data-testid=registry-facts] li').allInnerTexts();
    assert.deepEqual(facts.map((s) => s.trim()), verified.registry_facts);

    // Decide what the system proposes, then amend it down with a reason.
    const level = verified.proposal.level;
    await page.locator(`#level-${level}`).check();
    await page.fill('#decision_no', '16-QĐ/ĐU');
    await page.fill('#decision_date', DECISION_DATE.dmy);
    await page.locator('[data-testid=decide-submit]').click();
    await page.locator('dialog[open] [data-testid=confirm-yes]').click();
    await page.locator('[data-testid=locked]').waitFor();
    await page.locator('[data-testid=start-amend]').click();
    await page.locator('#level-htnv').check();
    await page.locator('[data-testid=amend-submit]').click();
    await page.locator('[data-field-error=text]').waitFor();
    await page.fill('#text', 'Theo kết luận kiểm tra của Ủy ban Kiểm tra Quận ủy.');
    overflows.amend = await shoot(page, 'review-member-amend');
    await page.locator('[data-testid=amend-submit]').click();
    await page.locator('dialog[open] [data-testid=confirm-yes]').click();
    await page.locator('[data-testid=review-steps] tr[data-step=amend]').waitFor();
    const amended = (await api.call('GET', `/api/reviews/members/${m.id}?year=${YEAR}`)).body;
    assert.equal(amended.state, 'amended');
    assert.equal(amended.final.level, 'htnv');
    assert.match(await page.locator('[data-testid=final-level]').innerText(), /Hoàn thành nhiệm vụ/);
    assert.match(await page.locator('[data-testid=decided]').innerText(), /Theo kết luận kiểm tra/);
    overflows.member = await shoot(page, 'review-member');
  });

  it('reports the levels with the change from last year, the leniency and the weak list', async () => {
    // Another chi bộ: "Hoàn thành tốt" last year (graded, QĐ 124), "Không hoàn thành" this year.
    const prevRubric = (await api.call('GET', `/api/reviews/rubric?subject=chi_bo&year=${YEAR - 1}`)).body;
    const grades = Object.fromEntries(prevRubric.groups.flatMap((g) => g.criteria).map((c) => [c.code, 'tot']));
    const prev = await reviewByApi('orgs', otherBranch.id, YEAR - 1, grades, 'httnv', '3-QĐ/QU');
    assert.equal(prev.final.level, 'httnv');
    const crit = await rubric('chi_bo');
    const low = Object.fromEntries(crit.map((c) => [c.code, Math.floor(c.max / 3)]));
    await reviewByApi('orgs', otherBranch.id, YEAR, low, 'khtnv', '17-QĐ/QU');

    const rep = (await api.call('GET', `/api/reviews/report?org=${districtA.id}&year=${YEAR}`)).body;
    await page.goto(`${server.base}/reviews?org=${districtA.id}&year=${YEAR}`);
    await page.locator('.review-group').first().waitFor();
    for (const g of rep.groups.filter((x) => x.total > 0 || x.undecided > 0)) {
      const sec = page.locator(`.review-group[data-group=${g.group}]`);
      const shown = (await sec.locator('[data-testid=sentences] li').allInnerTexts()).map((s) => s.trim());
      assert.deepEqual(shown, g.levels.filter((l) => l.count > 0 || l.prev_count > 0).map((l) => l.sentence));
      for (const l of g.levels) {
        assert.equal(await sec.locator(`tr[data-level=${l.level}] td[data-value]`).getAttribute('data-value'), String(l.count));
      }
    }
    // The group holding the other chi bộ had it decided last year too: its change is in percentage points.
    const withPrev = rep.groups.find((g) => g.levels.some((l) => l.change_pp !== null));
    assert.ok(withPrev, 'a group has a previous year');
    const kh = withPrev.levels.find((l) => l.level === 'khtnv');
    assert.ok(kh.change_pp > 0, 'more KHTNV than last year');
    const cell = page.locator(`.review-group[data-group=${withPrev.group}] tr[data-level=khtnv] td[data-change]`);
    assert.equal(Number(await cell.getAttribute('data-change')), kh.change_pp);
    assert.equal((await cell.innerText()).trim(), `+${String(kh.change_pp).replace('.', ',')}`);
    assert.ok(await page.locator('.review-group canvas').count() >= 1, 'charts are drawn');
    overflows.levels = await shoot(page, 'review-levels');

    // Leniency: the chi bộ scored itself 7,5 points above the verification (threshold 5).
    const len = (await api.call('GET', `/api/reviews/leniency?org=${districtA.id}&year=${YEAR}&threshold=5`)).body;
    await page.getByRole('link', { name: 'Tự chấm và thẩm định' }).click();
    await page.waitForURL(/\/reviews\/leniency/);
    await page.locator('[data-testid=leniency-distribution]').waitFor();
    assert.equal(await page.locator('[data-testid=leniency-subjects] tbody tr').count(), len.subjects.length);
    assert.ok(len.subjects.some((s) => s.member_id === null && s.org_id === branch.id && s.difference === 7.5), JSON.stringify(len.subjects));
    assert.match(await page.locator('[data-testid=leniency-sentence]').innerText(), new RegExp(`^${len.subjects.length} đối tượng`));
    overflows.leniency = await shoot(page, 'review-leniency');

    // Weak organizations: the KHTNV decision listed it; the plan is filled in and it is consolidated.
    await page.getByRole('link', { name: 'Tổ chức yếu kém, củng cố' }).click();
    await page.waitForURL(/\/reviews\/weak/);
    const weak = (await api.call('GET', `/api/reviews/weak?org=${districtA.id}&year_from=${YEAR}`)).body;
    assert.equal(weak.total, 1);
    await page.locator('[data-testid=weak-table]').waitFor();
    assert.match(await page.locator('[data-testid=weak-sentence]').innerText(), new RegExp(weak.sentence.replace(/[()]/g, '\\$&')));
    const row = page.locator(`[data-testid=weak-table] tr[data-org-id="${otherBranch.id}"]`);
    await row.locator('[data-testid=weak-edit]').click();
    await page.locator('[data-testid=weak-editor]').waitFor();
    await page.fill('#plan', 'Kiện toàn chi ủy, sinh hoạt chuyên đề hằng tháng.');
    await page.fill('#responsible', 'Trần Văn Phụ Trách');
    await page.fill('#deadline', `30/06/${YEAR + 1}`);
    await page.selectOption('#status', 'consolidated');
    await page.fill('#consolidated_on', '31/13/2026');
    await page.locator('[data-testid=weak-save]').click();
    await page.locator('[data-field-error=consolidated_on]').waitFor();
    await page.fill('#consolidated_on', DECISION_DATE.dmy);
    overflows.weakEdit = await shoot(page, 'review-weak-edit');
    await page.locator('[data-testid=weak-save]').click();
    await page.locator('[data-testid=weak-notice]').waitFor();
    const after = (await api.call('GET', `/api/reviews/weak?org=${districtA.id}&year_from=${YEAR}`)).body;
    assert.equal(after.consolidated, 1);
    assert.equal(after.items[0].responsible, 'Trần Văn Phụ Trách');
    assert.equal(after.items[0].consolidated_on, DECISION_DATE.iso);
    await page.waitForFunction((s) => document.querySelector('[data-testid=weak-sentence]')?.textContent?.includes(s), after.sentence);
    assert.match(after.sentence, /1\/1/);
    assert.match(await row.locator('td[data-status]').innerText(), /Đã củng cố/);
    overflows.weak = await shoot(page, 'review-weak');
  });

  it('shows a viewer the review without any way to change it', async () => {
    server.addUser('e2e-viewer', 'viewer', districtA.code);
    await page.click('[data-testid=logout]');
    await page.locator('#username').waitFor();
    await login('e2e-viewer', PASSWORDS.viewer);
    await page.goto(`${server.base}/reviews/orgs/${branch.id}?year=${YEAR}`);
    await page.locator('[data-testid=decided]').waitFor();
    assert.equal(await page.locator('[data-testid=rubric] input, [data-testid=rubric] select, [data-testid=start-amend], [data-testid=save-step]').count(), 0);
    await page.goto(`${server.base}/reviews/orgs/${otherBranch.id}?year=${YEAR + 1}`);
    await page.locator('[data-testid=rubric]').waitFor();
    assert.equal(await page.locator('[data-testid=rubric] input').count(), 0, 'no score boxes for a viewer');
    await page.goto(`${server.base}/reviews/weak?org=${districtA.id}&year_from=${YEAR}`);
    await page.locator('[data-testid=weak-table]').waitFor();
    assert.equal(await page.locator('[data-testid=weak-edit], [data-testid=weak-add]').count(), 0);
  });

  it('fits a 390 px phone screen without sideways scrolling', () => {
    const wide = Object.entries(overflows).filter(([, px]) => px > 1);
    assert.deepEqual(wide, [], `pages wider than the phone: ${JSON.stringify(wide)}`);
  });

  it('runs under the strict CSP without errors in the console', () => {
    const violations = consoleErrors.filter((m) => /Content Security Policy|Refused to/i.test(m));
    assert.deepEqual(violations, []);
    const other = consoleErrors.filter((m) => !/Failed to load resource/.test(m));
    assert.deepEqual(other, []);
  });
});
