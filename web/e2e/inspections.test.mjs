// End-to-end: inspection and discipline records and the degradation self-check entered through
// the pages (issue 16) in Debian's chromium against a real `tcxd serve` over `tcxd demo --profile
// small`, as a staff user: an item of the year's plan and an inspection carrying it out recorded
// on /inspections (the plan's sentence after), a conclusion dated before its
// start refused at its field (nothing written), then concluded; a khai trừ for a probationary
// member and a decision before the violation refused at their fields (nothing written); a cảnh
// cáo for an official member, lowered on appeal to khiển trách, the 12 months counted from the
// appeal's result (computed here); a member's self-check of the 27 manifestations with the
// year's tally by level and by organization against the figures before plus what the test
// entered. Screenshots at 1366 and 390 px.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Api, PASSWORDS, shoot, startBrowser, startServer } from './harness.mjs';

let server, browser, page, admin, official, probationary, child;
const consoleErrors = [];
const today = new Date().toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));

/** ISO → dd/mm/yyyy as the date fields take it. */
function vn(iso) {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
/** ISO days before today (at least the year's first day, so the period shows it). */
function daysAgo(n) {
  const d = new Date(today + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() - n);
  const iso = d.toISOString().slice(0, 10);
  return iso < `${year}-01-01` ? `${year}-01-01` : iso;
}
/** The day 12 months after an ISO date (the same day of the month; 29/02 → 01/03). */
function plus12Months(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  const t = new Date(Date.UTC(y + 1, m - 1, d));
  return t.toISOString().slice(0, 10);
}

async function login(user, password) {
  await page.goto(server.base + '/');
  await page.locator('#username').waitFor();
  await page.fill('#username', user);
  await page.fill('#password', password);
  await page.keyboard.press('Enter');
  await page.locator('[data-testid=who]').waitFor();
}

describe('inspection, discipline and self-check records through the pages', { timeout: 300_000 }, () => {
  before(async () => {
    server = await startServer();
    server.addUser('e2e-insp', 'staff', server.root);
    admin = new Api(server.base);
    await admin.login('e2e-admin', PASSWORDS.admin);
    const o = await admin.call('GET', '/api/members?status=official&page_size=3');
    assert.equal(o.status, 200);
    official = o.body.items[1];
    const p = await admin.call('GET', '/api/members?status=probationary&page_size=1');
    assert.equal(p.status, 200);
    probationary = p.body.items[0];
    assert.ok(official && probationary, 'the demo has official and probationary members');
    const kids = (await admin.call('GET', `/api/orgs/${server.rootId}/children`)).body;
    child = (kids.items ?? kids.children ?? kids)[0].id;
    browser = await startBrowser();
    page = await browser.context.newPage();
    page.on('console', (msg) => { if (msg.type() === 'error') consoleErrors.push(msg.text()); });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    await login('e2e-insp', PASSWORDS.staff);
    consoleErrors.length = 0;
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('records an inspection and its conclusion', async () => {
    const start = daysAgo(3);
    const q = `from=${year}-01-01&to=${today}`;
    const before = (await admin.call('GET', `/api/inspections/report?${q}`)).body;
    const planBefore = (await admin.call('GET', `/api/inspections/plan?year=${year}`)).body;
    await page.click('nav.mainnav >> text=Kiểm tra, giám sát');
    // an item of the year's plan: one organization and one member, by a team, this year
    const pform = page.locator('[data-testid=new-plan-item]');
    await pform.waitFor();
    await page.selectOption('#pl_kind', 'kt_dau_hieu');
    await page.selectOption('#pl_body', 'doan');
    await page.fill('#pl_orgs', '1');
    await page.fill('#pl_members', '1');
    await page.fill('#pl_title', 'Kê khai tài sản');
    await pform.locator('button[type=submit]').click();
    const pok = pform.locator('[role=status]');
    await pok.waitFor();
    const itemId = Number(/(\d+)/.exec(await pok.textContent())[1]);
    await page.locator(`[data-testid=plan-item-${itemId}]`).waitFor();
    assert.match(await page.locator(`[data-testid=plan-item-${itemId}]`).textContent(), /Chưa thực hiện/);
    const form = page.locator('[data-testid=new-inspection]');
    await form.waitFor();
    await page.selectOption('#ni_kind', 'kt_dau_hieu');
    await page.selectOption('#ni_body', 'doan');
    await page.fill('#ni_team', 'Đoàn kiểm tra số 7');
    await page.fill('#ni_team_members', 'Lê Văn Trưởng|trưởng đoàn; Phạm Thị Phó');
    await page.fill('#ni_start', vn(start));
    await page.fill('#ni_orgs', String(child));
    await page.fill('#ni_members', String(official.id));
    await page.check('#ni_area_tham_nhung');
    await page.check('#ni_area_can_bo');
    await page.selectOption('#ni_plan_item', String(itemId));
    await form.locator('button[type=submit]').click();
    const ok = form.locator('[role=status]');
    await ok.waitFor();
    const inspId = Number(/(\d+)/.exec(await ok.textContent())[1]);
    assert.ok(inspId > 0);
    // the period's figures: one more organization and member inspected, one more team, one more
    // inspection in each of the two areas
    const sentence = page.locator('[data-testid=insp-sentence]');
    const want = `kiểm tra đối với ${before.inspected.orgs + 1} tổ chức đảng, ${before.inspected.members + 1} đảng viên`;
    await page.waitForFunction((w) => document.querySelector('[data-testid=insp-sentence]')?.textContent.includes(w), want);
    assert.ok((await sentence.textContent()).includes(want));
    assert.equal((await page.locator('[data-testid=by-area-tham_nhung] td').textContent()).trim(), String(before.by_area.tham_nhung + 1));
    assert.equal((await page.locator('[data-testid=by-area-can_bo] td').textContent()).trim(), String(before.by_area.can_bo + 1));
    const after = (await admin.call('GET', `/api/inspections/report?${q}`)).body;
    assert.equal(after.teams.count, before.teams.count + 1);
    // the plan: one more inspection planned and carried out
    const p = planBefore;
    const wantPlan = `kế hoạch năm ${year}: ${p.planned.inspections + 1} cuộc kiểm tra, ${p.planned.supervisions} cuộc giám sát; ` +
      `đã thực hiện ${p.done.inspections + 1}/${p.planned.inspections + 1} cuộc kiểm tra`;
    await page.waitForFunction((w) => document.querySelector('[data-testid=plan-sentence]')?.textContent.includes(w), wantPlan);
    assert.match(await page.locator(`[data-testid=plan-item-${itemId}]`).textContent(), /Đã thực hiện \(1 cuộc\)/);
    assert.ok((await shoot(page, 'inspections-entry')) <= 1, 'the inspections page overflows at 390 px');

    await page.click(`[data-testid=inspection-${inspId}] a`);
    await page.locator('[data-testid=conclude]').waitFor();
    assert.equal((await page.locator('[data-testid=insp-start]').textContent()).trim(), vn(start));
    // a conclusion the day before the start: refused at its field, nothing written
    await page.selectOption('#ic_conclusion', 'discipline_due');
    await page.fill('#ic_date', vn(daysAgo(4)));
    await page.fill('#ic_findings', 'Vi phạm quy định về công tác cán bộ');
    await page.click('[data-testid=conclude] button[type=submit]');
    await page.locator('#ic_date[aria-invalid=true]').waitFor();
    let rec = (await admin.call('GET', `/api/inspections/${inspId}`)).body;
    assert.equal(rec.conclusion, 'pending');
    await page.fill('#ic_date', vn(start));
    await page.fill('#ic_follow_up', 'Xem xét kỷ luật');
    await page.click('[data-testid=conclude] button[type=submit]');
    await page.locator('[data-testid=conclude]').waitFor({ state: 'detached' });
    assert.match(await page.locator('[data-testid=insp-conclusion]').textContent(), /đến mức phải xem xét kỷ luật/);
    rec = (await admin.call('GET', `/api/inspections/${inspId}`)).body;
    assert.equal(rec.conclusion, 'discipline_due');
    assert.equal(rec.concluded_on, start);
    assert.equal(rec.team, 'Đoàn kiểm tra số 7');
    assert.deepEqual([...rec.areas].sort(), ['can_bo', 'tham_nhung']);
    assert.equal(rec.orgs, 1);
    assert.equal(rec.members, 1);
  });

  it('refuses what the rules forbid and records a decision with its appeal', async () => {
    const q = `from=${year}-01-01&to=${today}`;
    const count = async () => (await admin.call('GET', `/api/disciplines?${q}`)).body.items.length;
    const n0 = await count();
    await page.goto(server.base + '/inspections');
    const form = page.locator('[data-testid=new-discipline]');
    await form.waitFor();
    // khai trừ for a probationary member
    await page.fill('#nd_id', String(probationary.id));
    await page.selectOption('#nd_form', 'khai_tru');
    await page.fill('#nd_decision', vn(today));
    await form.locator('button[type=submit]').click();
    await page.locator('#nd_form[aria-invalid=true]').waitFor();
    assert.equal(await count(), n0);
    // a decision before the violation
    await page.fill('#nd_id', String(official.id));
    await page.selectOption('#nd_form', 'canh_cao');
    await page.fill('#nd_violation', vn(today));
    await page.fill('#nd_decision', vn(daysAgo(1)));
    await form.locator('button[type=submit]').click();
    await page.locator('#nd_decision[aria-invalid=true]').waitFor();
    assert.equal(await count(), n0);
    // a cảnh cáo decided two days ago, the violation a month before
    const decided = daysAgo(2);
    await page.fill('#nd_violation', vn(daysAgo(30)));
    await page.fill('#nd_decision', vn(decided));
    await page.fill('#nd_decision_no', '07-QĐ/UBKT');
    await form.locator('button[type=submit]').click();
    const ok = form.locator('[role=status]');
    await ok.waitFor();
    const discId = Number(/(\d+)/.exec(await ok.textContent())[1]);
    assert.equal(await count(), n0 + 1);
    const row = page.locator(`[data-testid=discipline-${discId}]`);
    await row.waitFor();
    assert.match(await row.textContent(), /Cảnh cáo/);
    assert.match(await row.textContent(), new RegExp(vn(plus12Months(decided)).replaceAll('/', '\\/')));

    await row.locator('a').click();
    await page.locator('[data-testid=appeal]').waitFor();
    assert.equal((await page.locator('[data-testid=disc-expires]').textContent()).trim(), vn(plus12Months(decided)));
    // an appeal lodged before the decision: refused at its field
    await page.fill('#ap_lodged', vn(daysAgo(3)));
    await page.click('[data-testid=appeal] button[type=submit]');
    await page.locator('#ap_lodged[aria-invalid=true]').waitFor();
    // lodged the day after the decision, lowered to khiển trách today
    await page.fill('#ap_lodged', vn(daysAgo(1)));
    await page.selectOption('#ap_result', 'changed');
    await page.selectOption('#ap_form', 'khien_trach');
    await page.fill('#ap_decided', vn(today));
    await page.click('[data-testid=appeal] button[type=submit]');
    await page.waitForFunction(() => document.querySelector('[data-testid=disc-current]')?.textContent.trim() === 'Khiển trách');
    assert.equal((await page.locator('[data-testid=disc-expires]').textContent()).trim(), vn(plus12Months(today)));
    const d = (await admin.call('GET', `/api/disciplines/${discId}`)).body;
    assert.equal(d.current, 'khien_trach');
    assert.equal(d.form, 'canh_cao');
    assert.equal(d.expires, plus12Months(today));
    const report = (await admin.call('GET', `/api/inspections/report?${q}`)).body;
    assert.ok(report.disciplined.by_form.khien_trach >= 1);
    assert.ok((await shoot(page, 'discipline-appeal')) <= 1, 'the decision page overflows at 390 px');
  });

  it('records a self-check and tallies the year', async () => {
    const member = (await admin.call('GET', `/api/members?status=official&page_size=3`)).body.items[2];
    const none = await admin.call('GET', `/api/degradation/members/${member.id}?year=${year}`);
    assert.equal(none.status, 404, 'the demo member has no self-check this year');
    const meta = (await admin.call('GET', '/api/degradation/items')).body;
    assert.equal(meta.items.length, 27);
    const before = (await admin.call('GET', `/api/degradation/report?year=${year}`)).body;
    // the tally's rows are the organizations directly below the scope's root: the member's is the
    // second on the path from the root down to the member's chi bộ
    const path = (await admin.call('GET', `/api/orgs/${member.org.id}`)).body.path;
    assert.equal(path[0].id, server.rootId);
    const below = path[1].id;
    const orgBefore = before.orgs.find((o) => o.org.id === below);
    // two manifestations at levels 2 and 3: the highest is level 3
    const mine = { [meta.items[2].code]: 2, [meta.items[13].code]: 3 };
    const top = meta.levels.find((l) => l.level === 3).name;
    await page.click('nav.mainnav >> text=Tự soi, tự sửa');
    await page.locator('[data-testid=degr-entry]').waitFor();
    await page.fill('#d_member', String(member.id));
    await page.click('[data-testid=degr-load]');
    await page.locator('#d_concluded').waitFor();
    for (const [code, level] of Object.entries(mine)) await page.selectOption(`#d_item_${code.replace('.', '_')}`, String(level));
    await page.click('[data-testid=degr-entry] button[type=submit]');
    await page.waitForFunction(() => /#\d+/.test(document.querySelector('[data-testid=degr-note]')?.textContent ?? ''));
    const c = (await admin.call('GET', `/api/degradation/members/${member.id}?year=${year}`)).body;
    for (const it of c.items) assert.equal(it.level, mine[it.code] ?? 0, it.code);
    assert.equal(c.overall, top);
    assert.equal(c.concluded, false);
    // the year's tally on the page: one more member, at the highest level chosen
    const cell = page.locator(`[data-testid=degr-level-${top}] td`);
    await page.waitForFunction(([sel, want]) => document.querySelector(sel)?.textContent.trim() === want,
      [`[data-testid=degr-level-${top}] td`, String((before.by_level[top] ?? 0) + 1)]);
    assert.equal((await cell.textContent()).trim(), String((before.by_level[top] ?? 0) + 1));
    const orgRow = page.locator(`[data-testid=degr-org-${below}]`);
    await orgRow.waitFor();
    const cells = await orgRow.locator('td').allTextContents();
    assert.equal(cells[1].trim(), String((orgBefore?.members ?? 0) + 1));
    assert.ok((await page.locator('[data-testid=degr-sentence]').textContent()).includes(`${before.members + 1} đảng viên`));
    // opening it again shows the levels recorded; the chi bộ's conclusion replaces the record
    await page.fill('#d_member', String(member.id));
    await page.click('[data-testid=degr-load]');
    await page.locator('#d_concluded').waitFor();
    assert.equal(await page.inputValue(`#d_item_${meta.items[13].code.replace('.', '_')}`), '3');
    await page.check('#d_concluded');
    await page.click('[data-testid=degr-entry] button[type=submit]');
    await page.waitForFunction((want) => document.querySelector('[data-testid=degr-concluded] td')?.textContent.trim() === want,
      String(before.concluded + 1));
    const after = (await admin.call('GET', `/api/degradation/report?year=${year}`)).body;
    assert.equal(after.members, before.members + 1);
    assert.equal(after.concluded, before.concluded + 1);
    assert.ok((await shoot(page, 'degradation')) <= 1, 'the self-check page overflows at 390 px');
    assert.deepEqual(consoleErrors.filter((e) => !/status of 4\d\d/.test(e)), []);
  });
});
