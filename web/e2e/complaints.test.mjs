// End-to-end: a denunciation (đơn tố cáo) walked through the letters pages (issue 16) in Debian's
// chromium against a real `tcxd serve` over `tcxd demo --profile small`: received by a staff
// user without the inspection permission, who never sees the denouncer (not on the list, not on
// the letter, and the server refuses the identity: 403), then accepted, assigned, resolved and
// its result notified through the page; an account holding the inspection permission sees the
// denouncer, and that read is in the audit log. Screenshots at 1366 and 390 px.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Api, loginPage, PASSWORDS, shoot, startBrowser, startServer } from './harness.mjs';

let server, browser, page, admin, memberId, letterId;
const consoleErrors = [];
const WRITER = { name: 'Trương Thị Tốgiác', address: 'Số 9 ngõ Kín, phường Mẫu', contact: '0912345678' };

const login = (user, password) => loginPage(page, server.base, user, password);

async function logout() {
  await page.click('[data-testid=logout]');
  await page.locator('#username').waitFor();
}

function assertNoWriter(text, where) {
  for (const v of Object.values(WRITER)) assert.ok(!text.includes(v), `${where} shows "${v}"`);
}

describe('a denunciation from intake to its notified result', { timeout: 300_000 }, () => {
  before(async () => {
    server = await startServer();
    server.addUser('e2e-staff', 'staff', server.root);
    server.addUser('e2e-kiemtra', 'staff', server.root);
    admin = new Api(server.base);
    await admin.login('e2e-admin', PASSWORDS.admin);
    const g = await admin.call('POST', '/api/users/permission', { username: 'e2e-kiemtra', permission: 'inspection', granted: true });
    assert.equal(g.status, 200, JSON.stringify(g.body));
    const m = await admin.call('GET', '/api/members?page_size=1');
    assert.equal(m.status, 200);
    memberId = m.body.items[0].id;
    browser = await startBrowser();
    page = await browser.context.newPage();
    page.on('console', (msg) => { if (msg.type() === 'error') consoleErrors.push(msg.text()); });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('is received and resolved by staff who never see the denouncer', async () => {
    await login('e2e-staff', PASSWORDS.staff);
    consoleErrors.length = 0; // the login page's own 401 from /api/me before logging in
    await page.click('nav.mainnav >> text=Đơn thư');
    await page.locator('[data-testid=intake]').waitFor();
    await page.selectOption('#c_kind', 'to_cao');
    await page.fill('#c_member', String(memberId));
    await page.fill('#c_summary', 'Tố cáo vi phạm quy định về kê khai tài sản');
    await page.fill('#c_name', WRITER.name);
    await page.fill('#c_address', WRITER.address);
    await page.fill('#c_contact', WRITER.contact);
    await page.click('[data-testid=intake] button[type=submit]');
    const ok = page.locator('[data-testid=intake] [role=status]');
    await ok.waitFor();
    letterId = Number(/(\d+)/.exec(await ok.textContent())[1]);
    assert.ok(letterId > 0);
    const row = page.locator(`[data-testid=letters] [data-testid=letter-${letterId}]`);
    await row.waitFor();
    assert.match(await row.textContent(), /Tố cáo.*Đã tiếp nhận/);
    assertNoWriter(await page.locator('[data-testid=letters]').textContent(), 'the list');
    assert.ok((await shoot(page, 'complaints-list')) <= 1, 'the list overflows at 390 px');

    await row.locator('a').click();
    await page.locator('[data-testid=letter]').waitFor();
    await page.locator('[data-testid=writer-protected]').waitFor();
    assert.equal(await page.locator('[data-testid=reveal]').count(), 0);
    assertNoWriter(await page.locator('main, body').first().textContent(), 'the letter');
    // the server refuses the identity to this account
    const staff = new Api(server.base);
    await staff.login('e2e-staff', PASSWORDS.staff);
    const refused = await staff.call('POST', `/api/complaints/${letterId}/identity`, {});
    assert.equal(refused.status, 403, JSON.stringify(refused.body));
    assertNoWriter(JSON.stringify(refused.body), 'the refusal');
    const seen = await staff.call('GET', `/api/complaints/${letterId}`);
    assertNoWriter(JSON.stringify(seen.body), 'GET /api/complaints/{id}');

    // accepted today: due 90 working days later (the district and below), as the API computes
    await page.selectOption('#classify_classification', 'accepted');
    await page.click('[data-testid=step-classify] button[type=submit]');
    await page.locator('[data-testid=step-assign]').waitFor();
    assert.equal((await page.locator('[data-testid=letter-status]').textContent()).trim(), 'Đang giải quyết');
    const due = (await staff.call('GET', `/api/complaints/${letterId}`)).body.due;
    assert.ok(due, 'no deadline after acceptance');
    const [y, mo, d] = due.split('-');
    assert.equal((await page.locator('[data-testid=letter-due]').textContent()).trim(), `${d}/${mo}/${y}`);

    await page.fill('#assign_assignee', 'Ủy ban kiểm tra');
    await page.click('[data-testid=step-assign] button[type=submit]');
    await page.locator('text=Ủy ban kiểm tra').first().waitFor();
    await page.selectOption('#resolve_result', 'mot_phan');
    await page.fill('#resolve_resolution', 'Tố cáo đúng một phần');
    await page.click('[data-testid=step-resolve] button[type=submit]');
    await page.locator('[data-testid=step-notify]').waitFor();
    assert.match(await page.locator('[data-testid=letter-result]').textContent(), /Đúng một phần/);
    await page.fill('#notify_notice_no', '12-TB/UBKT');
    await page.click('[data-testid=step-notify] button[type=submit]');
    await page.waitForFunction(() => document.querySelector('[data-testid=letter-status]')?.textContent.trim() === 'Đã thông báo kết quả');
    const final = (await staff.call('GET', `/api/complaints/${letterId}`)).body;
    assert.equal(final.status, 'notified');
    assert.equal(final.result, 'mot_phan');
    assert.equal(final.notice_no, '12-TB/UBKT');
    assertNoWriter(await page.locator('body').textContent(), 'the resolved letter');
    assert.ok((await shoot(page, 'complaint-letter')) <= 1, 'the letter overflows at 390 px');
    await logout();
  });

  it('shows the denouncer to the inspection account only, and logs the read', async () => {
    await login('e2e-kiemtra', PASSWORDS.staff);
    await page.goto(`${server.base}/complaints/${letterId}`);
    await page.locator('[data-testid=reveal]').click();
    const id = page.locator('[data-testid=writer-identity]');
    await id.waitFor();
    const text = await id.textContent();
    for (const v of Object.values(WRITER)) assert.ok(text.includes(v), `missing ${v}`);
    const audit = await admin.call('GET', '/api/audit?page_size=5');
    assert.equal(audit.status, 200);
    const read = audit.body.items.find((r) => r.action === 'complaint.identity_read');
    assert.ok(read, JSON.stringify(audit.body.items.map((r) => r.action)));
    assert.equal(read.username, 'e2e-kiemtra');
    assertNoWriter(JSON.stringify(audit.body), 'the audit log');
    await logout();
    assert.deepEqual(consoleErrors.filter((e) => !/401/.test(e)), []);
  });

  it('shows the period\'s inspection and discipline figures with the report files', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const year = today.slice(0, 4);
    const q = `from=${year}-01-01&to=${today}`;
    const before = (await admin.call('GET', `/api/inspections/report?${q}`)).body;
    // what this test enters: an inspection of one organization (công tác cán bộ) and a khiển
    // trách of one member, today
    const kids = (await admin.call('GET', `/api/orgs/${server.rootId}/children`)).body;
    const child = (kids.items ?? kids.children ?? kids)[0].id;
    let r = await admin.call('POST', '/api/inspections', { kind: 'kt_chuyen_de', body: 'ubkt', body_org_id: server.rootId, start: today, areas: 'can_bo', orgs: String(child) });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    r = await admin.call('POST', '/api/disciplines', { form: 'khien_trach', member_id: memberId, decision_date: today });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const want = {
      orgs: before.inspected.orgs + 1, members: before.inspected.members,
      dorgs: before.disciplined.orgs, dmembers: before.disciplined.members + 1,
    };
    await login('e2e-staff', PASSWORDS.staff);
    await page.click('nav.mainnav >> text=Kiểm tra, giám sát');
    const sentence = page.locator('[data-testid=insp-sentence]');
    await sentence.waitFor();
    const text = await sentence.textContent();
    assert.ok(text.includes(`kiểm tra đối với ${want.orgs} tổ chức đảng, ${want.members} đảng viên`), text);
    assert.ok(text.includes(`thi hành kỷ luật ${want.dorgs} tổ chức đảng và ${want.dmembers} đảng viên`), text);
    assert.equal((await page.locator('[data-testid=by-form-khien_trach] td').textContent()).trim(), String(before.disciplined.by_form.khien_trach + 1));
    assert.equal((await page.locator('[data-testid=by-area-can_bo] td').textContent()).trim(), String(before.by_area.can_bo + 1));
    assert.ok((await page.locator('[data-testid=inspections] tbody tr').count()) >= 1);
    // the report files the page links to
    for (const [id, magic] of [['report-pdf', '%PDF-'], ['report-xlsx', 'PK']]) {
      const href = await page.locator(`[data-testid=${id}]`).getAttribute('href');
      const res = await page.request.get(server.base + href);
      assert.equal(res.status(), 200, href);
      assert.equal((await res.body()).subarray(0, magic.length).toString('latin1'), magic);
    }
    assert.ok((await shoot(page, 'inspections')) <= 1, 'the inspections page overflows at 390 px');
    await logout();
  });
});
