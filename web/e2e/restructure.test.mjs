// End-to-end: the "Sắp xếp tổ chức" page on the small demo in chromium against a real tcxd serve.
// A 2025 plan for the small city (the three wards of each district merged into one commune-level
// committee, the districts merged into them) is checked as a dry run: the page's figures of
// 30/06/2025 equal the structure report of that day, nothing is written (the audit log does not
// grow); applied from the page, the structure report of 01/07/2025 (another computation, after
// the fact) equals the figures the dry run announced, and every member is still counted. Then the
// merger list of administrative units imported from the page (a bad row refused first) against the test's own copy of the standard
// (NQ 1211/2016: a xã of the plains 30 km², 8.000 people). Run with scripts/web.sh e2e.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Api, loginPage, PASSWORDS, shoot, startBrowser, startServer } from './harness.mjs';

let server, browser, page, api;
const consoleErrors = [];

const login = (username, password) => loginPage(page, server.base, username, password);

const PLAN = `action,code,name,tier,form,type,parent,into,part,decision_no,date
create,HN.X1,Đảng bộ phường Ba Đình,above_base,dang_bo,phuong,HN,,,QĐ 01-QĐ/TU,01/07/2025
create,HN.X2,Đảng bộ phường Hoàn Kiếm,above_base,dang_bo,phuong,HN,,,QĐ 02-QĐ/TU,
merge,HN.BD.PX,,,,,,HN.X1,,NQ 1656/NQ-UBTVQH15,
merge,HN.BD.TB,,,,,,HN.X1,,NQ 1656/NQ-UBTVQH15,
merge,HN.BD.VP,,,,,,HN.X1,,NQ 1656/NQ-UBTVQH15,
merge,HN.HK.PT,,,,,,HN.X2,,NQ 1656/NQ-UBTVQH15,
merge,HN.HK.DX,,,,,,HN.X2,,NQ 1656/NQ-UBTVQH15,
merge,HN.HK.HM,,,,,,HN.X2,,NQ 1656/NQ-UBTVQH15,
merge,HN.BD,,,,,,HN.X1,,QĐ 03-QĐ/TU,
merge,HN.HK,,,,,,HN.X2,,QĐ 03-QĐ/TU,
`;

/** The administrative units imported for the merger list, and the test's own verdict. */
const UNITS = [
  { code: '00001', name: 'Xã Nhỏ', area: 10, pop: 3000 },
  { code: '00002', name: 'Xã Lớn', area: 80, pop: 20000 },
  { code: '00003', name: 'Xã Vừa', area: 14.5, pop: 3900 },
  { code: '00004', name: 'Xã Hẹp', area: 9, pop: 4100 },
];
const below = (u) => u.area < 30 / 2 && u.pop < 8000 / 2;

async function figure(row, col) {
  return Number(await page.locator(`[data-testid=rs-figures] tr[data-row="${row}"] td[data-col="${col}"]`).getAttribute('data-value'));
}

describe('restructuring page', { timeout: 300_000 }, () => {
  before(async () => {
    server = await startServer();
    api = new Api(server.base);
    await api.login('e2e-admin', PASSWORDS.admin);
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

  it('checks a plan as a dry run, then applies it with the figures it announced', async () => {
    const audit0 = (await api.call('GET', '/api/audit?page_size=1')).body.total;
    await page.goto(server.base + '/restructure');
    await page.getByRole('link', { name: 'Sắp xếp tổ chức' }).waitFor();
    await page.setInputFiles('#rs-file', { name: 'ke-hoach.csv', mimeType: 'text/csv', buffer: Buffer.from(PLAN) });
    await page.click('[data-testid=rs-check]');
    const rep = page.locator('[data-testid=rs-report]');
    await rep.waitFor();
    assert.equal(await rep.getAttribute('data-ok'), '1', await rep.innerText());
    assert.match(await page.locator('[data-testid=rs-summary]').innerText(), /^Ngày 01\/07\/2025: tạo mới 2, kết thúc 8,/);
    // the day before: as the structure report counts it
    const was = (await api.call('GET', `/api/reports/structure?org=${server.rootId}&as_of=2025-06-30`)).body.counts;
    assert.equal(await figure('members', 'before'), was.members);
    assert.equal(await figure('base', 'before'), was.base_orgs);
    assert.equal(await figure('branches', 'before'), was.branches);
    assert.equal(await figure('direct', 'before'), 2, 'HN.BD and HN.HK');
    assert.equal(await figure('direct', 'after'), 2, 'HN.X1 and HN.X2');
    assert.equal(await figure('members', 'after'), was.members, 'no member lost');
    const announced = {
      members: await figure('members', 'after'), base: await figure('base', 'after'),
      branches: await figure('branches', 'after'), partial: await figure('partial', 'after'),
    };
    assert.ok(await page.locator('[data-testid=rs-changes] tr[data-action=retier]').count() > 0, 'residential chi bộ re-tiered');
    assert.equal((await api.call('GET', '/api/audit?page_size=1')).body.total, audit0, 'the dry run wrote nothing');
    await shoot(page, 'restructure-dry-run');

    await page.click('[data-testid=rs-apply]');
    await page.locator('[data-testid=confirm-yes]').click();
    await page.locator('[data-testid=rs-applied]').waitFor();
    assert.match(await page.locator('[data-testid=rs-applied]').innerText(), /01\/07\/2025/);
    assert.ok((await api.call('GET', '/api/audit?page_size=1')).body.total > audit0, 'applied and audited');
    const now = (await api.call('GET', `/api/reports/structure?org=${server.rootId}&as_of=2025-07-01`)).body.counts;
    assert.equal(now.members, announced.members);
    assert.equal(now.base_orgs, announced.base);
    assert.equal(now.branches, announced.branches);
    assert.equal(now.partial_committees, announced.partial);
    const still = (await api.call('GET', `/api/reports/structure?org=${server.rootId}&as_of=2025-06-30`)).body.counts;
    assert.deepEqual(still, was, 'the report of 30/06/2025 is unchanged');
    // checked again after it was applied: refused, with its lines named
    await page.setInputFiles('#rs-file', { name: 'ke-hoach.csv', mimeType: 'text/csv', buffer: Buffer.from(PLAN) });
    await page.click('[data-testid=rs-check]');
    await page.locator('[data-testid=rs-report][data-ok="0"]').waitFor();
    assert.ok(await page.locator('[data-testid=rs-issues] tr[data-severity=error]').count() > 0);
    assert.equal(await page.locator('[data-testid=rs-apply]').count(), 0, 'no apply button for a refused plan');
  });

  it('lists the communes below both standards', async () => {
    // imported from the page; a bad row first: refused with its line, nothing written
    const csv = 'code,name,province_code,area_km2,population,as_of\n' +
      UNITS.map((u) => `${u.code},${u.name},01,${u.area},${u.pop},2024-12-31`).join('\n') + '\n';
    const audit0 = (await api.call('GET', '/api/audit?page_size=1')).body.total;
    await page.goto(server.base + '/restructure');
    await page.setInputFiles('#rs-units-file', { name: 'don-vi.csv', mimeType: 'text/csv', buffer: Buffer.from(csv + '00009,Xã Hỏng,01,abc,10,2024-12-31\n') });
    await page.click('[data-testid=rs-units-import]');
    await page.locator('[data-testid=rs-units-error]').waitFor();
    assert.match(await page.locator('[data-testid=rs-units-error]').innerText(), /6/);
    assert.equal((await api.call('GET', '/api/audit?page_size=1')).body.total, audit0, 'a refused file writes nothing');
    const refused = consoleErrors.findIndex((m) => /status of 400/.test(m));
    assert.ok(refused >= 0, 'the browser saw the 400');
    consoleErrors.splice(refused, 1);
    await page.setInputFiles('#rs-units-file', { name: 'don-vi.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.fill('#rs-units-source', 'e2e');
    await page.click('[data-testid=rs-units-import]');
    await page.locator('[data-testid=rs-units-done]').waitFor();
    assert.equal(Number(await page.locator('[data-testid=rs-units-done]').getAttribute('data-value')), UNITS.length);
    const audit1 = (await api.call('GET', '/api/audit?page_size=5')).body;
    assert.equal(audit1.total, audit0 + 1, 'one audit record for the import');
    await page.goto(server.base + '/restructure');
    await page.fill('#rs-province', '01');
    await page.fill('#rs-date', '01/06/2025');
    await page.click('[data-testid=rs-show]');
    await page.locator('[data-testid=rs-merger-list]').waitFor();
    const want = UNITS.filter(below).map((u) => u.code);
    assert.deepEqual(want, ['00001', '00003']);
    const got = await page.locator('[data-testid=rs-merger-table] tbody tr').evaluateAll((rows) => rows.map((x) => x.dataset.code));
    assert.deepEqual(got, want);
    assert.match(await page.locator('[data-testid=rs-merger-summary]').innerText(), new RegExp(`^${want.length} trên ${UNITS.length} đơn vị`));
    const href = await page.locator('[data-testid=rs-draft]').getAttribute('href');
    assert.match(href, /^\/api\/restructure\/merger\/draft\?province=01&date=2025-06-01$/);
    // a bad province code is refused at its field
    await page.fill('#rs-province', 'HN');
    await page.click('[data-testid=rs-show]');
    await page.locator('#rs-province[aria-invalid=true]').waitFor();
    await shoot(page, 'restructure-merger');
    assert.deepEqual(consoleErrors, []);
  });
});
