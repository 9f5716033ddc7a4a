// End-to-end: the programs board, indicators and attendance pages (issue 17) in Debian's chromium
// against a real `tcxd serve` over `tcxd demo --profile small`. A program with four items is set up
// through the API with known statuses; the board must show each item in its status column with
// the counts and the summary computed here; a status changed through the page must reach the
// API; the indicator page shows the plan figure computed here; screenshots at 1366 and 390 px.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Api, loginPage, PASSWORDS, shoot, startBrowser, startServer } from './harness.mjs';

let server, browser, page, api, programId;
const consoleErrors = [];
const iso = (d) => d.toISOString().slice(0, 10);
const today = new Date();
const yearAgo = new Date(today.getTime() - 365 * 86400_000);
const pad2 = (n) => String(n).padStart(2, '0');

const login = () => loginPage(page, server.base, 'e2e-admin', PASSWORDS.admin);

// item number -> [lead agency, status]: 2 done, 1 draft submitted, 1 in progress, over 2 agencies
const ITEMS = { 1: ['Ban Tổ chức', 'done'], 2: ['Ban Tuyên giáo', 'done'], 3: ['Ban Tổ chức', 'draft_submitted'], 4: ['Ban Tuyên giáo', 'in_progress'] };

describe('programs, indicators and attendance pages', { timeout: 300_000 }, () => {
  before(async () => {
    server = await startServer();
    api = new Api(server.base);
    await api.login('e2e-admin', PASSWORDS.admin);
    let r = await api.call('POST', '/api/programs', { code: '01-CTr/TU', title: 'Chương trình số 01', org_id: server.rootId, from: iso(yearAgo), to: `${today.getFullYear() + 3}-12-31` });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    programId = r.body.id;
    for (const [no, [lead, status]] of Object.entries(ITEMS)) {
      r = await api.call('POST', `/api/programs/${programId}/items`, { no, title: `Đề án ${no}`, kind: 'de_an', lead_agency: lead, start: iso(yearAgo), deadline: `${today.getFullYear() + 2}-12-31` });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const item = r.body.id;
      r = await api.call('POST', `/api/programs/${programId}/items/${item}/status`, { status: 'in_progress', date: iso(yearAgo) });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      if (status !== 'in_progress') {
        r = await api.call('POST', `/api/programs/${programId}/items/${item}/status`, { status, date: iso(new Date(today.getTime() - 30 * 86400_000)) });
        assert.equal(r.status, 200, JSON.stringify(r.body));
      }
    }
    r = await api.call('POST', '/api/indicators', { code: 'TH', name: 'Tổ chức đảng thành lập mới', org_id: server.rootId, source: 'manual' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const year = today.getFullYear();
    r = await api.call('POST', `/api/indicators/${r.body.id}/figures`, { what: 'target', from: `${year}-01-01`, to: iso(today), value: 8 });
    assert.equal(r.status, 200);
    const ind = (await api.call('GET', '/api/indicators')).body.items[0];
    r = await api.call('POST', `/api/indicators/${ind.id}/figures`, { what: 'actual', from: `${year}-01-01`, to: iso(today), value: 7 });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    browser = await startBrowser();
    page = await browser.context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    await login();
    consoleErrors.length = 0; // the login page's own 401 from /api/me before logging in
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the board by status with the summary, and records a status change', async () => {
    await page.click('nav.mainnav >> text=Chương trình');
    await page.locator('[data-testid=programs]').waitFor();
    await page.click('text=01-CTr/TU');
    await page.locator('[data-testid=board]').waitFor();
    const count = (s) => Object.values(ITEMS).filter(([, st]) => st === s).length;
    for (const s of ['not_started', 'in_progress', 'draft_submitted', 'done'])
      assert.equal(await page.locator(`[data-testid=col-${s}] li`).count(), count(s), s);
    const two = (n) => pad2(n);
    assert.equal((await page.locator('[data-testid=program-summary]').textContent()).trim(),
      `${two(4)} nội dung, ${two(2)} cơ quan: ${two(count('done'))} hoàn thành; ${two(count('draft_submitted'))} đã có dự thảo trình; ${two(count('in_progress'))} đang triển khai`);
    const overflow = await shoot(page, 'programs-board');
    assert.ok(overflow <= 1, `the board overflows by ${overflow}px at 390 px`);

    // item 4 (in progress) becomes draft submitted through the page
    const card = page.locator('[data-testid=item-4]');
    await card.locator('summary').click();
    const select = card.locator('select');
    await select.selectOption('draft_submitted');
    await card.locator('button[type=submit]').click();
    await page.locator('[role=status]').waitFor();
    await page.locator('[data-testid=col-draft_submitted] [data-testid=item-4]').waitFor();
    const v = await api.call('GET', `/api/programs/${programId}`);
    assert.equal(v.body.items.find((i) => i.no === '4').status, 'draft_submitted');
  });

  it('shows an indicator against its plan and the attendance page', async () => {
    await page.goto(server.base + '/programs/indicators');
    const row = page.locator('[data-testid=indicator-TH]');
    await row.waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-testid=indicator-TH]').textContent.includes('…'));
    // 7 of 8 = 87,5%
    assert.match(await row.textContent(), /7\/8, đạt 87,5% kế hoạch/);
    await shoot(page, 'programs-indicators');
    await page.goto(server.base + '/programs/attendance');
    await page.locator('[data-testid=attendance-totals]').waitFor();
    assert.match(await page.locator('[data-testid=attendance-totals]').textContent(), /0 đã dự, 0 chưa dự/);
    await shoot(page, 'programs-attendance');
    assert.deepEqual(consoleErrors, []);
  });
});
