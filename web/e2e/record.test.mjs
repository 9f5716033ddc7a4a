// End-to-end: one member record (issue 10). Every field of the field table (GET /api/members/fields)
// is on the correction page and shown on the member page (the Phiếu đảng viên's among them); the life
// events of domain.md §3 (commendation, card, badge, suspension, re-admission) recorded through their
// forms; an event corrected (form, date, where a transfer went) and cancelled with a reason, before
// and after on the page; a back-dated transfer corrected and the structure report of the days before
// and after follows. Run with scripts/web.sh e2e.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Api, PASSWORDS, loginPage, shoot, startBrowser, startServer } from './harness.mjs';

let server, browser, page, api;
let chiA, chiB, member, fields;
const consoleErrors = [];

const show = async () => (await api.call('GET', `/api/members/${member}`)).body;
const lastEvent = async (kind) => (await show()).events.filter((e) => e.kind === kind).pop();
const count = async (org, asOf) => (await api.call('GET', `/api/reports/structure?org=${org.id}&as_of=${asOf}`)).body.counts.members;

/** Fills the confirmation flow of a member form: submit, then confirm; back on the member page. */
async function submitAndConfirm(formId) {
  await page.click(`[data-testid=${formId}] button[type=submit]`);
  await page.locator('[data-testid=confirm-yes]').click();
  await page.locator('[data-testid=member-page]').waitFor();
}

async function pickOrg(inputId, org) {
  await page.locator(`#${inputId}`).pressSequentially(org.code, { delay: 20 });
  const hit = page.locator(`[data-testid=orgpick-results] button[data-org-id="${org.id}"]`);
  await hit.waitFor();
  await hit.click();
}

describe('one member record: every field and event, corrected in the UI', { timeout: 600_000 }, () => {
  before(async () => {
    server = await startServer();
    api = new Api(server.base);
    await api.login('e2e-admin', PASSWORDS.admin);
    // two chi bộ of the demo that existed on 01/01/2010 (read from the tree, not assumed)
    const root = (await api.call('GET', '/api/orgs/root')).body;
    const found = [];
    const walk = async (org) => {
      const kids = (await api.call('GET', `/api/orgs/${org.id}/children`)).body.items;
      for (const k of kids) {
        if (found.length >= 2) return;
        if (k.form === 'chi_bo' && k.valid_from && k.valid_from <= '2010-01-01' && !k.ended_on) found.push(k);
        if ((k.child_count ?? 0) > 0) await walk(k);
      }
    };
    await walk(root);
    assert.equal(found.length, 2, 'two chi bộ of 2010');
    [chiA, chiB] = found;
    const r = await api.call('POST', '/api/members', {
      full_name: 'Hồ Sơ Kiểm Thử', gender: 'nu', birth_date: '1982-04-05', org_id: chiA.id,
      decision_no: '12-QĐ/ĐU', decision_date: '2010-03-01', ceremony_date: '2010-03-10', national_id: '001182000777',
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    member = r.body.id;
    assert.equal((await api.call('POST', `/api/members/${member}/official`, { decision_date: '2011-03-15', decision_no: '30-QĐ/ĐU' })).status, 200);
    fields = (await api.call('GET', '/api/members/fields')).body.fields;
    browser = await startBrowser();
    page = await browser.context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    await loginPage(page, server.base, 'e2e-admin', PASSWORDS.admin);
    consoleErrors.length = 0;
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('has every field of the field table on the correction page and the Phiếu on the member page', async () => {
    assert.ok(fields.length >= 29, `the field table has ${fields.length} fields`);
    const m = await show();
    for (const f of fields) assert.ok(f.key in m, `GET /api/members/{id} has ${f.key}`);
    await page.goto(`${server.base}/members/${member}`);
    const phieu = page.locator('[data-testid=phieu]');
    await phieu.waitFor();
    for (const f of fields.filter((x) => x.profile)) {
      const dd = phieu.locator(`dd[data-field=${f.key}]`);
      assert.equal(await dd.innerText(), 'chưa cập nhật', `${f.key} not entered yet`);
    }
    await page.click('[data-testid=member-correct]');
    await page.locator('[data-testid=correct-form]').waitFor();
    for (const f of fields) {
      const el = page.locator(`#c_${f.key}`);
      assert.equal(await el.count(), 1, `an input for ${f.key}`);
      const tag = await el.evaluate((x) => x.tagName);
      assert.equal(tag, f.kind === 'enum' ? 'SELECT' : 'INPUT', `${f.key} is a ${f.kind}`);
      if (f.kind === 'enum') {
        const opts = await el.locator('option').evaluateAll((os) => os.map((o) => o.value));
        assert.deepEqual(opts, f.values.map((v) => v.name), `${f.key}'s values`);
      }
    }
  });

  it('corrects Phiếu fields and a base field with a reason, before and after shown and kept', async () => {
    const occ = fields.find((f) => f.key === 'occupation');
    const want = occ.values[3];
    await page.selectOption('#c_occupation', want.name);
    await page.fill('#c_dossier_no', '0123456789');
    await page.fill('#c_hometown', 'Thanh Trì, Hà Nội');
    await page.fill('#c_reason', 'Làm sạch dữ liệu theo lý lịch gốc');
    const table = page.locator('[data-testid=correct-form] > .table-wrap');
    assert.equal((await table.locator('[data-field=occupation]').innerText()).split('\t').slice(1).join('|'), `chưa cập nhật|${want.label}`);
    assert.equal((await table.locator('[data-field=dossier_no]').innerText()).split('\t').slice(1).join('|'), 'chưa cập nhật|0123456789');
    await page.click('[data-testid=correct-form] button[type=submit]');
    const dlg = page.locator('dialog[open]');
    await dlg.waitFor();
    assert.equal(await dlg.locator('tbody tr').count(), 3);
    await shoot(page, 'record-correct-phieu');
    await page.locator('[data-testid=confirm-yes]').click();
    await page.locator('[data-testid=corrected]').waitFor();
    const m = await show();
    assert.equal(m.occupation, want.name);
    assert.equal(m.dossier_no, '0123456789');
    assert.equal(m.hometown, 'Thanh Trì, Hà Nội');
    assert.equal(await page.locator('[data-testid=phieu] dd[data-field=occupation]').innerText(), want.label);
    const hist = page.locator('[data-testid=corrections] [data-corr-field=dossier_no]');
    await hist.waitFor();
    assert.equal((await hist.innerText()).replace(/\s+/g, ' '), 'Số lý lịch: chưa cập nhật → 0123456789');
    const corr = (await api.call('GET', `/api/members/${member}/corrections`)).body.items;
    assert.equal(corr.at(-1).reason, 'Làm sạch dữ liệu theo lý lịch gốc');
  });

  it('records a commendation, a card and a suspension through their forms', async () => {
    await page.goto(`${server.base}/members/${member}`);
    await page.click('[data-action=commend]');
    await page.locator('[data-testid=commend-form]').waitFor();
    await page.selectOption('#form', 'bang_khen');
    await page.fill('#date', '15/03/2019');
    await page.fill('#decision_no', '45-QĐ/QU');
    await page.fill('#reason', 'Hoàn thành xuất sắc nhiệm vụ 2018');
    await submitAndConfirm('commend-form');
    let ev = await lastEvent('commend');
    assert.deepEqual([ev.form, ev.date, ev.decision_no, ev.detail], ['bang_khen', '2019-03-15', '45-QĐ/QU', 'Hoàn thành xuất sắc nhiệm vụ 2018']);
    assert.match(await page.locator('[data-testid=timeline]').innerText(), /Khen thưởng \(Bằng khen\)/);

    await page.click('[data-action=card]');
    await page.locator('[data-testid=card-form]').waitFor();
    await page.fill('#date', '01/06/2012');
    await page.fill('#number', '00123456');
    await submitAndConfirm('card-form');
    ev = await lastEvent('card');
    assert.deepEqual([ev.form, ev.date, ev.detail], ['issued', '2012-06-01', '00123456']);

    // a 30-year badge with 16 years of party age: the server's rule, shown on the form
    await page.click('[data-action=badge]');
    await page.locator('[data-testid=badge-form]').waitFor();
    await page.selectOption('#years', '30');
    await page.fill('#date', '03/02/2020');
    await page.fill('#decision_no', 'HH-1');
    await page.click('[data-testid=badge-form] button[type=submit]');
    await page.locator('[data-testid=confirm-yes]').click();
    await page.locator('#years[aria-invalid=true], [data-testid=form-error]').first().waitFor();
    assert.equal((await show()).events.filter((e) => e.kind === 'badge').length, 0);
    consoleErrors.length = 0; // the refused badge's 422

    await page.goto(`${server.base}/members/${member}`);
    await page.click('[data-action=suspend]');
    await page.locator('[data-testid=suspend-form]').waitFor();
    await page.fill('#date', '01/01/2021');
    await page.fill('#decision_no', 'ĐC-1');
    await submitAndConfirm('suspend-form');
    assert.equal(await page.locator('[data-action=suspend]').innerText(), 'Kết thúc đình chỉ sinh hoạt đảng');
    await page.click('[data-action=suspend]');
    await page.locator('[data-testid=suspend-form]').waitFor();
    await page.fill('#date', '01/03/2021');
    await page.fill('#decision_no', 'ĐC-2');
    await submitAndConfirm('suspend-form');
    const s = (await show()).events.filter((e) => e.kind === 'suspend').map((e) => [e.date, e.form]);
    assert.deepEqual(s, [['2021-01-01', 'start'], ['2021-03-01', 'end']]);
  });

  it('corrects the commendation (form and date) and cancels the card, each with a reason', async () => {
    const ev = await lastEvent('commend');
    await page.goto(`${server.base}/members/${member}`);
    await page.click(`[data-event-correct="${ev.id}"]`);
    const form = page.locator('[data-testid=event-correct-form]');
    await form.waitFor();
    assert.equal(await form.getAttribute('data-kind'), 'commend');
    for (const id of ['e_date', 'e_decision_date', 'e_decision_no', 'e_form', 'e_detail']) assert.equal(await page.locator(`#${id}`).count(), 1, id);
    await page.selectOption('#e_form', 'giay_khen');
    await page.fill('#e_date', '20/03/2019');
    await page.fill('#e_reason', 'Sai hình thức theo quyết định');
    const rows = await form.locator('> .table-wrap tbody tr').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-field')));
    assert.deepEqual(rows.sort(), ['date', 'form']);
    assert.equal((await form.locator('> .table-wrap [data-field=form]').innerText()).split('\t').slice(1).join('|'), 'Bằng khen|Giấy khen');
    await page.click('[data-testid=event-correct-form] button[type=submit]');
    await page.locator('[data-testid=confirm-yes]').click();
    await page.locator('[data-testid=corrected]').waitFor();
    const fixed = await lastEvent('commend');
    // the decision date shown (not corrected) is kept
    assert.deepEqual([fixed.id, fixed.form, fixed.date, fixed.decision_date], [ev.id, 'giay_khen', '2019-03-20', ev.decision_date]);

    const card = await lastEvent('card');
    await page.click(`[data-event-correct="${card.id}"]`);
    await page.locator('[data-testid=event-correct-form]').waitFor();
    await page.check('[data-testid=event-cancel]');
    await page.fill('#e_reason', 'Nhập nhầm người');
    await page.click('[data-testid=event-correct-form] button[type=submit]');
    await page.locator('[data-testid=confirm-yes]').click();
    await page.locator('[data-testid=corrected]').waitFor();
    assert.equal((await show()).events.filter((e) => e.kind === 'card').length, 0);
    const corr = (await api.call('GET', `/api/members/${member}/corrections`)).body.items;
    assert.deepEqual(corr.slice(-2).map((c) => [c.action, c.reason]), [['event', 'Sai hình thức theo quyết định'], ['cancel', 'Nhập nhầm người']]);
  });

  it('corrects a back-dated transfer (date and where it went); the reports of the days before and after follow', async () => {
    assert.equal((await api.call('POST', `/api/members/${member}/transfer`, { to_org_id: chiB.id, date: '2016-06-01', decision_no: 'CS-1' })).status, 200);
    const day = '2015-12-31';
    const before = [await count(chiA, day), await count(chiB, day)];
    const beforeLater = [await count(chiA, '2016-06-01'), await count(chiB, '2016-06-01')];
    const tr = await lastEvent('transfer');
    await page.goto(`${server.base}/members/${member}/events/${tr.id}/correct`);
    await page.locator('[data-testid=event-correct-form]').waitFor();
    await page.fill('#e_date', '01/06/2015');
    await page.fill('#e_decision_date', '25/05/2015');
    await page.selectOption('#e_scope', 'inside');
    await page.fill('#e_place', 'Chi bộ trong đảng bộ');
    await page.fill('#e_reason', 'Ngày chuyển theo giấy giới thiệu');
    await page.click('[data-testid=event-correct-form] button[type=submit]');
    const dlg = page.locator('dialog[open]');
    await dlg.waitFor();
    assert.equal((await dlg.locator('[data-field=date]').innerText()).split('\t').slice(1).join('|'), '01/06/2016|01/06/2015');
    assert.equal((await dlg.locator('[data-field=scope]').innerText()).split('\t').slice(1).join('|'), 'Chưa ghi|Trong đảng bộ');
    await shoot(page, 'record-correct-transfer');
    await page.locator('[data-testid=confirm-yes]').click();
    await page.locator('[data-testid=corrected]').waitFor();
    const fixed = await lastEvent('transfer');
    assert.deepEqual([fixed.date, fixed.decision_date, fixed.scope, fixed.place], ['2015-06-01', '2015-05-25', 'inside', 'Chi bộ trong đảng bộ']);
    // on 31/12/2015 the member is now in B, no longer in A; the day before the new date, still in A
    assert.deepEqual([await count(chiA, day), await count(chiB, day)], [before[0] - 1, before[1] + 1]);
    assert.deepEqual([await count(chiA, '2016-06-01'), await count(chiB, '2016-06-01')], beforeLater);
    const prev = '2015-05-31';
    const m = (await api.call('GET', `/api/members?org=${chiA.id}&as_of=${prev}&page_size=200`)).body;
    assert.ok(m.items.some((x) => x.id === member), 'in A on 31/05/2015');
    assert.match(await page.locator('[data-testid=event-where]').first().innerText(), /Trong đảng bộ — Chi bộ trong đảng bộ/);
  });

  it('records a commendation of the chi bộ on its page, then cancels it with a reason', async () => {
    await page.goto(`${server.base}/orgs/${chiA.id}`);
    const sec = page.locator('[data-testid=org-commendations]');
    await sec.waitFor();
    await page.click('[data-testid=org-commend-form] button[type=submit]');
    await page.locator('#oc_form[aria-invalid=true]').waitFor(); // the form is asked for
    await page.selectOption('#oc_form', 'co');
    await page.fill('#oc_date', '19/05/2021');
    await page.fill('#oc_decision_no', '88-QĐ/TU');
    await page.fill('#oc_reason', 'Trong sạch, vững mạnh tiêu biểu 5 năm liền');
    await page.click('[data-testid=org-commend-form] button[type=submit]');
    const dlg = page.locator('dialog[open]');
    await dlg.waitFor();
    assert.match(await dlg.innerText(), /Ghi Cờ theo quyết định số 88-QĐ\/TU ngày 19\/05\/2021/);
    await dlg.locator('[data-testid=confirm-yes]').click();
    const row = sec.locator('tr[data-commendation]');
    await row.waitFor();
    assert.deepEqual((await row.innerText()).split('\t').slice(0, 4), ['19/05/2021', 'Cờ', '88-QĐ/TU', 'Trong sạch, vững mạnh tiêu biểu 5 năm liền']);
    const list = (await api.call('GET', `/api/orgs/${chiA.id}/commendations`)).body.items;
    assert.deepEqual(list.map((c) => [c.date, c.form, c.decision_no]), [['2021-05-19', 'co', '88-QĐ/TU']]);
    await shoot(page, 'record-org-commend');
    await sec.locator(`[data-cancel="${list[0].id}"]`).click();
    const cdlg = page.locator('dialog[open]');
    await cdlg.waitFor();
    await cdlg.locator('#oc_why').fill('Nhập nhầm tổ chức');
    await cdlg.locator('[data-testid=confirm-yes]').click();
    await sec.locator('tr[data-commendation]').waitFor({ state: 'detached' });
    assert.equal((await api.call('GET', `/api/orgs/${chiA.id}/commendations`)).body.items.length, 0);
  });

  it('names an import error on a Phiếu field by the field table\'s label', async () => {
    const hdr = 'Họ và tên,Giới tính,Ngày sinh,Ngày quyết định kết nạp,Chi bộ,Số lý lịch\n';
    const bad = `${hdr}Nhập Thử Phiếu,Nữ,02/02/1990,01/01/2015,${chiA.code},12345\n`;
    await page.goto(`${server.base}/import`);
    await page.setInputFiles('#import-file', { name: 'phieu.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.click('button[type=submit]');
    const rep = page.locator('[data-testid=import-report]');
    await rep.waitFor();
    const cells = await rep.locator('tbody tr').first().locator('td').allInnerTexts();
    assert.deepEqual(cells.slice(0, 3), ['2', 'Số lý lịch', fields.find((f) => f.key === 'dossier_no').label]);
  });

  it('re-admits through the form after an exit (kết nạp lại)', async () => {
    assert.equal((await api.call('POST', `/api/members/${member}/exit`, { kind: 'xoa_ten', date: '2022-01-01', decision_no: 'XT-1' })).status, 200);
    await page.goto(`${server.base}/members/${member}`);
    await page.locator('[data-action=readmit]').waitFor();
    assert.equal(await page.locator('[data-action=restore]').count(), 1);
    await page.click('[data-action=readmit]');
    await page.locator('[data-testid=readmit-form]').waitFor();
    await pickOrg('org_id', chiA);
    await page.fill('#decision_no', 'KNL-1');
    await page.fill('#decision_date', '01/06/2023');
    await page.fill('#ceremony_date', '10/06/2023');
    await submitAndConfirm('readmit-form');
    const m = await show();
    assert.equal(m.status, 'probationary');
    const adm = m.events.filter((e) => e.kind === 'admit');
    assert.deepEqual(adm.map((e) => [e.date, e.decision_date, e.org?.id]), [['2010-03-10', '2010-03-01', chiA.id], ['2023-06-10', '2023-06-01', chiA.id]]);
    assert.equal(consoleErrors.length, 0, consoleErrors.join('\n'));
  });
});
