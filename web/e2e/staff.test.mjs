// End-to-end: the staffing roll (biên chế, forms 8A and 8B, issue 15) walked through its pages in
// Debian's chromium against a real `tcxd serve` over `tcxd demo --profile small`: a body added; a
// person added; a leave for someone not yet on the roll refused on its field with nothing written;
// the join (an intake of a công chức with 6 years' experience); a leave before the start refused;
// the leave; the roll on a day before it lists the person, on a day after not; and form 8A counts
// the intake where this test expects it (its own count). Screenshots at 1366 and 390 px.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Api, PASSWORDS, shoot, startBrowser, startServer } from './harness.mjs';

const NAME = 'Phan Thị Biên Chế';
let server, browser, page, admin;
const consoleErrors = [];

async function login(user, password) {
  await page.goto(server.base + '/');
  await page.locator('#username').waitFor();
  await page.fill('#username', user);
  await page.fill('#password', password);
  await page.keyboard.press('Enter');
  await page.locator('[data-testid=who]').waitFor();
}

function oneRefusal(status) {
  assert.equal(consoleErrors.length, 1, consoleErrors.join('\n'));
  assert.match(consoleErrors.pop(), new RegExp(`status of ${status}`));
}

describe('the staffing roll from a body to form 8A', { timeout: 300_000 }, () => {
  before(async () => {
    server = await startServer();
    server.addUser('e2e-staff', 'staff', server.root);
    admin = new Api(server.base);
    await admin.login('e2e-admin', PASSWORDS.admin);
    browser = await startBrowser();
    page = await browser.context.newPage();
    page.on('console', (msg) => { if (msg.type() === 'error') consoleErrors.push(msg.text()); });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('records a person on the roll and counts them', async () => {
    await login('e2e-staff', PASSWORDS.staff);
    consoleErrors.length = 0;
    await page.click('nav.mainnav >> text=Biên chế');
    const bodies = page.locator('[data-testid=staff-bodies]');
    await bodies.locator('text=Chưa có cơ quan nào.').waitFor();
    await bodies.locator('#sb_name').fill('Ban Tổ chức');
    await bodies.locator('#sb_kind').selectOption('dang');
    await bodies.locator('#sb_level').selectOption('huyen');
    await bodies.locator('button[type=submit]').click();
    await bodies.locator('td >> text=Ban Tổ chức').waitFor();
    const body = (await admin.call('GET', '/api/staff/bodies')).body.bodies;
    assert.deepEqual(body.map((b) => [b.name, b.kind, b.level]), [['Ban Tổ chức', 'dang', 'huyen']]);
    assert.ok((await shoot(page, 'staff')) <= 1, 'the roll page overflows at 390 px');

    const pf = page.locator('[data-testid=staff-person-form]');
    await pf.locator('#sp_name').fill(NAME);
    await pf.locator('#sp_gender').selectOption('nu');
    await pf.locator('#sp_birth').fill('02/04/1988');
    await pf.locator('button[type=submit]').click();
    await page.locator('[data-testid=staff-person]').waitFor();
    const id = Number(/\/staff\/(\d+)$/.exec(new URL(page.url()).pathname)[1]);
    const events = async () => (await admin.call('GET', `/api/staff/${id}`)).body.events.length;

    // a leave before ever joining: refused (the person is not on the roll), nothing written
    const f = page.locator('[data-testid=staff-event-form]');
    await f.locator('#se_event').selectOption('leave');
    await f.locator('#se_date').fill('01/02/2024');
    await f.locator('button[type=submit]').click();
    await f.locator('[data-field-error=se_date]').waitFor();
    assert.equal(await events(), 0);
    oneRefusal(409);

    // the join: an intake of a công chức, chuyên viên, 6 years' experience
    await f.locator('#se_event').selectOption('join');
    await f.locator('#se_date').fill('01/03/2024');
    await f.locator('#se_kind').selectOption('cc_intake');
    await f.locator('#se_grade').selectOption('cv');
    await f.locator('#se_experience').fill('6');
    await f.locator('button[type=submit]').click();
    await page.locator('[data-testid=staff-stints] td >> text=01/03/2024').waitFor();
    assert.equal(await events(), 1);

    // a leave before the start: refused on the date
    await f.locator('#se_event').selectOption('leave');
    await f.locator('#se_date').fill('01/01/2024');
    await f.locator('#se_kind').selectOption('retire');
    await f.locator('button[type=submit]').click();
    await f.locator('[data-field-error=se_date]').waitFor();
    assert.equal(await events(), 1);
    oneRefusal(400);
    // the leave, a transfer out in 2025
    await f.locator('#se_date').fill('01/07/2025');
    await f.locator('#se_kind').selectOption('transfer');
    await f.locator('button[type=submit]').click();
    await page.locator('[data-testid=staff-stints] td >> text=01/07/2025').waitFor();
    assert.equal(await events(), 2);
    assert.ok((await shoot(page, 'staff-person')) <= 1, 'the person page overflows at 390 px');

    // the roll on 31/12/2024 lists her; today, after the leave, not
    await page.click('text=← Biên chế');
    const roll = page.locator('[data-testid=staff-roll]');
    await roll.locator('text=Không có ai trong danh sách vào ngày này.').waitFor();
    await roll.locator('#sr_asof').fill('31/12/2024');
    await roll.locator('button[type=submit]').click();
    await roll.locator(`a >> text=${NAME}`).waitFor();
    assert.deepEqual(consoleErrors, []);

    // form 8A for 2024 over the scope: one intake of a công chức with 5 years or more, on the roll
    // at the end; 2025: the transfer out
    const fill = async (y) => (await admin.call('GET', `/api/forms/fill?form=8a&org=${server.rootId}&period=${y}`)).body;
    const values = (b, key) => b.rows.find((r) => r.key === key).values.slice(0, 2);
    const y24 = await fill(2024), y25 = await fill(2025);
    assert.deepEqual(values(y24, 'B.1.b'), [1, 0]);
    assert.deepEqual(values(y24, 'B.1.b.exp5'), [1, 0]);
    assert.deepEqual(values(y24, 'D'), [1, 0]);
    assert.deepEqual(values(y25, 'A'), [1, 0]);
    assert.deepEqual(values(y25, 'C.2'), [1, 0]);
    assert.deepEqual(values(y25, 'D'), [0, 1]);
  });
});
