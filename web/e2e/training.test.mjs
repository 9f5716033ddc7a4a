// End-to-end: a training class (lớp đào tạo, bồi dưỡng; form 10-BTCTW, issue 15) walked through the
// training pages in Debian's chromium against a real `tcxd serve` over `tcxd demo --profile small`:
// from the cadre work page to the classes; a class ending before it starts is refused on its field
// with nothing written; the class opened; an enrolment after its last day and a cadre enrolled
// twice refused on theirs; the result recorded; the cadre's career page shows the training; and
// form 10 counts the cadre and the class where this test expects them (its own count). Screenshots
// at 1366 and 390 px.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Api, PASSWORDS, shoot, startBrowser, startServer } from './harness.mjs';

const YEAR = 2025;
const CLASS = { name: 'Lớp Trung cấp LLCT K7', from: '10/03/2025', to: '20/06/2025', badTo: '09/03/2025' };

let server, browser, page, admin, cadreId;
const consoleErrors = [];

async function login(user, password) {
  await page.goto(server.base + '/');
  await page.locator('#username').waitFor();
  await page.fill('#username', user);
  await page.fill('#password', password);
  await page.keyboard.press('Enter');
  await page.locator('[data-testid=who]').waitFor();
}

/** The refused request's own console line ("... status of 400"), and no other. */
function oneRefusal(status) {
  assert.equal(consoleErrors.length, 1, consoleErrors.join('\n'));
  assert.match(consoleErrors.pop(), new RegExp(`status of ${status}`));
}

describe('a training class from opening to form 10', { timeout: 300_000 }, () => {
  before(async () => {
    server = await startServer();
    server.addUser('e2e-staff', 'staff', server.root);
    admin = new Api(server.base);
    await admin.login('e2e-admin', PASSWORDS.admin);
    const c = await admin.call('POST', '/api/cadres', {
      org_id: server.rootId, managing_level: 'huyen', full_name: 'Đỗ Thị Học Viên', gender: 'nu', birth_date: '1985-04-02',
    });
    assert.equal(c.status, 201, JSON.stringify(c.body));
    cadreId = c.body.id;
    browser = await startBrowser();
    page = await browser.context.newPage();
    page.on('console', (msg) => { if (msg.type() === 'error') consoleErrors.push(msg.text()); });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('is opened, attended, recorded and counted', async () => {
    await login('e2e-staff', PASSWORDS.staff);
    consoleErrors.length = 0; // the login page's own 401 from /api/me before logging in
    await page.click('nav.mainnav >> text=Công tác cán bộ');
    await page.click('[data-testid=training-link] a');
    await page.locator('[data-testid=classes]').waitFor();
    await page.locator('[data-testid=classes] >> text=Chưa có lớp nào.').waitFor();
    consoleErrors.length = 0; // the cadre page's committee: no term yet (404)

    // a class ending the day before it starts: refused on "to", nothing written
    const form = page.locator('[data-testid=open-class]');
    await form.locator('#c_name').fill(CLASS.name);
    await form.locator('#c_programme').selectOption('tc_llct');
    await form.locator('#c_mode').selectOption('full_time');
    await form.locator('#c_opener').selectOption('huyen');
    await form.locator('#c_from').fill(CLASS.from);
    await form.locator('#c_to').fill(CLASS.badTo);
    await form.locator('button[type=submit]').click();
    await form.locator('[data-field-error=c_to]').waitFor();
    assert.equal((await admin.call('GET', '/api/cadre/classes')).body.classes.length, 0);
    oneRefusal(400);
    // a mode form 10 does not split Trung cấp LLCT by: refused on "mode"
    await form.locator('#c_to').fill(CLASS.to);
    await form.locator('#c_mode').selectOption('domestic');
    await form.locator('button[type=submit]').click();
    await form.locator('[data-field-error=c_mode]').waitFor();
    assert.equal((await admin.call('GET', '/api/cadre/classes')).body.classes.length, 0);
    oneRefusal(400);
    assert.ok((await shoot(page, 'training-classes')) <= 1, 'the classes page overflows at 390 px');

    await form.locator('#c_mode').selectOption('full_time');
    await form.locator('button[type=submit]').click();
    await page.locator('[data-testid=class]').waitFor();
    const classId = Number(/\/cadres\/classes\/(\d+)$/.exec(new URL(page.url()).pathname)[1]);
    const stored = (await admin.call('GET', `/api/cadre/classes/${classId}`)).body;
    assert.deepEqual([stored.name, stored.programme, stored.mode, stored.opener, stored.from, stored.to],
      [CLASS.name, 'tc_llct', 'full_time', 'huyen', '2025-03-10', '2025-06-20']);
    assert.equal(await page.locator('[data-testid=class-programme]').textContent(), 'Trung cấp lý luận chính trị (Hệ tập trung)');

    // enrolled the day after the last day: refused on "date"
    const enrol = page.locator('[data-testid=enrol]');
    await enrol.locator('#e_cadre').selectOption(String(cadreId));
    await enrol.locator('#e_date').fill('21/06/2025');
    await enrol.locator('button[type=submit]').click();
    await enrol.locator('[data-field-error=e_date]').waitFor();
    assert.equal((await admin.call('GET', `/api/cadre/classes/${classId}`)).body.enrolments.length, 0);
    oneRefusal(400);
    await enrol.locator('#e_date').fill('');
    await enrol.locator('button[type=submit]').click();
    const row = page.locator(`[data-testid=enrolment-${cadreId}]`);
    await row.waitFor();
    assert.match(await row.textContent(), /10\/03\/2025/); // the first day, by default
    // twice: refused on the cadre
    await enrol.locator('button[type=submit]').click();
    await enrol.locator('[data-field-error=e_cadre]').waitFor();
    assert.equal((await admin.call('GET', `/api/cadre/classes/${classId}`)).body.enrolments.length, 1);
    oneRefusal(409);

    // the result
    await row.locator('select').selectOption('completed');
    await row.locator('input').fill('Khá');
    await row.locator('button[type=submit]').click();
    await page.locator(`[data-testid=enrolment-${cadreId}] [data-testid=enrol-result] >> text=Hoàn thành, Khá`).waitFor();
    assert.equal(await page.locator('[data-testid=class-counts]').textContent(), '(1/1 hoàn thành)');
    assert.ok((await shoot(page, 'training-class')) <= 1, 'the class page overflows at 390 px');

    // the career page
    await row.locator('th a').click();
    const career = page.locator('[data-testid=career-training]');
    await career.waitFor();
    const text = await career.textContent();
    assert.ok(text.includes(CLASS.name) && text.includes('Hoàn thành, Khá') && text.includes('10/03/2025 – 20/06/2025'), text);
    assert.ok((await shoot(page, 'training-career')) <= 1, 'the career page overflows at 390 px');
    assert.deepEqual(consoleErrors, []);

    // form 10 for the year: one cadre (cấp huyện, no post held) and one class opened by the district
    const f = await admin.call('GET', `/api/forms/fill?form=10&org=${server.rootId}&period=${YEAR}`);
    assert.equal(f.status, 200, JSON.stringify(f.body));
    const values = (key) => f.body.rows.find((r) => r.key === key).values;
    assert.deepEqual(values('I.2.tc.full'), [1, 0, 0, 1, 0, 0, 1, 0, 1]);
    assert.deepEqual(values('I.2.tc.part'), [0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});
