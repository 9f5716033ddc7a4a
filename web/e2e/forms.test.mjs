// End-to-end: the "Báo cáo thống kê" page on the small demo in chromium against a real tcxd serve:
// pick form 1, the root organization and last year, preview the form as on paper, and check its
// D ("đảng viên trong danh sách cuối kỳ") and A against the structure report of the period's end
// and of the day before it (another route, another computation), every check shown as ok, and the
// XLSX and PDF exports. Run with scripts/web.sh e2e.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { Api, loginPage, PASSWORDS, shoot, startBrowser, startServer } from './harness.mjs';

let server, browser, page, api, root;
const consoleErrors = [];

const login = (username, password) => loginPage(page, server.base, username, password);

describe('statistics forms page', { timeout: 300_000 }, () => {
  before(async () => {
    server = await startServer();
    api = new Api(server.base);
    await api.login('e2e-admin', PASSWORDS.admin);
    root = (await api.call('GET', '/api/orgs/root')).body;
    browser = await startBrowser();
    page = await browser.context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    await login('e2e-admin', PASSWORDS.admin);
    consoleErrors.length = 0;
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('fills form 1 for last year and matches the structure report', async () => {
    const year = new Date().getFullYear() - 1;
    await page.goto(server.base + '/forms');
    await page.locator('#forms-form option').first().waitFor({ state: 'attached' });
    const options = await page.locator('#forms-form option').count();
    assert.equal(options, 19, 'the eight forms of the pack, the cadre forms 9A-9C, 10, 11, 12A-12C and 13, the staff forms 8A and 8B are offered');
    await page.selectOption('#forms-form', '1');
    await page.selectOption('#forms-kind', 'year');
    await page.fill('#forms-year', String(year));
    await page.click('[data-testid=forms-show]');
    await page.locator('[data-testid=form-table]').waitFor();
    assert.match(await page.locator('[data-testid=form-number]').innerText(), /Biểu số 1-BTCTW/);
    assert.match(await page.locator('[data-testid=form-period]').innerText(), new RegExp(`NĂM ${year}`));
    const value = async (key) => Number(await page.locator(`tr[data-row="${key}"] td[data-col="0"]`).getAttribute('data-value'));
    const end = (await api.call('GET', `/api/reports/structure?org=${root.id}&as_of=${year}-12-31`)).body;
    const start = (await api.call('GET', `/api/reports/structure?org=${root.id}&as_of=${year - 1}-12-31`)).body;
    assert.equal(await value('D'), end.counts.members, 'D = members on 31/12');
    assert.equal(await value('A'), start.counts.members, 'A = members at the end of the year before');
    const a = await value('A'), b = await value('B'), c = await value('C'), d = await value('D');
    assert.equal(a + b - c, d);
    const bad = await page.locator('[data-testid=form-checks] li[data-ok="0"]').count();
    assert.equal(bad, 0, 'every check holds');
    assert.ok(await page.locator('[data-testid=form-checks] li[data-ok="1"]').count() >= 5);
    // B.3 (phục hồi đảng tịch) counts the year's restorations: the database's own count (kind 8 =
    // MEV_RESTORE, every member is under the root), not the form's computation
    const restored = Number(spawnSync('sqlite3', [server.db,
      `SELECT count(*) FROM member_event WHERE kind = 8 AND date BETWEEN '${year}-01-01' AND '${year}-12-31';`],
    { encoding: 'utf8' }).stdout.trim());
    assert.equal(await value('B.3'), restored, 'B.3 = the restorations of the year');
    assert.match(await page.locator('[data-testid=forms-sentence]').innerText(), /kết nạp được/);
    // exports
    for (const [sel, magic] of [['export-xlsx', 'PK'], ['export-pdf', '%PDF']]) {
      const href = await page.locator(`[data-testid=${sel}]`).getAttribute('href');
      const res = await fetch(server.base + href, { headers: { Cookie: api.cookie } });
      assert.equal(res.status, 200, `${sel} answers`);
      const buf = Buffer.from(await res.arrayBuffer());
      assert.equal(buf.subarray(0, magic.length).toString('latin1'), magic);
    }
    const overflow = await shoot(page, 'forms-1');
    assert.ok(overflow <= 1, `no horizontal overflow on a phone (${overflow}px)`);
    assert.deepEqual(consoleErrors, []);
  });

  it('shows form 5 and a bad year as a field error', async () => {
    await page.goto(server.base + '/forms');
    await page.locator('#forms-form option').first().waitFor({ state: 'attached' });
    await page.selectOption('#forms-form', '5');
    await page.fill('#forms-year', '20x1');
    await page.click('[data-testid=forms-show]');
    await page.locator('#forms-year[aria-invalid=true]').waitFor();
    await page.fill('#forms-year', String(new Date().getFullYear() - 1));
    await page.click('[data-testid=forms-show]');
    await page.locator('[data-testid=form-sheet][data-form="5"]').waitFor();
    const total = Number(await page.locator('tr[data-row="total"] td[data-col="5"]').getAttribute('data-value'));
    const year = new Date().getFullYear() - 1;
    const end = (await api.call('GET', `/api/reports/structure?org=${root.id}&as_of=${year}-12-31`)).body;
    assert.equal(total, end.counts.members);
  });
});
