// End-to-end: office work at city scale on the small demo: the organization search that finds a
// chi bộ by words of its name and its ward in any order, paths wherever an organization is named,
// a transfer through the picker, and the tree browser. Run with scripts/web.sh e2e.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Api, loginPage, PASSWORDS, shoot, startBrowser, startServer } from './harness.mjs';

const pad = (n) => String(n).padStart(2, '0');
function daysAgo(n) {
  const d = new Date();
  d.setDate(d.getDate() - n);
  return { iso: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`, dmy: `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}` };
}
const shortWard = (n) => n.replace(/^Đảng bộ phường /, 'P. ').replace(/^Đảng bộ xã /, 'X. ');
const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

let server, browser, page, api;
let target, ward, district, mover;
const consoleErrors = [];

const login = (username, password) => loginPage(page, server.base, username, password);

describe('office work: organizations found and named with their path', { timeout: 300_000 }, () => {
  before(async () => {
    server = await startServer();
    api = new Api(server.base);
    await api.login('e2e-admin', PASSWORDS.admin);
    // The target: a "Chi bộ Tổ dân phố số 1" whose ward is not the first one of its kind; its ward
    // and district are read from the tree through the children routes (not from the search).
    const root = (await api.call('GET', '/api/orgs/root')).body;
    const tdp1 = [];
    const walk = async (org, parents) => {
      const kids = (await api.call('GET', `/api/orgs/${org.id}/children`)).body.items;
      for (const k of kids) {
        if (k.name === 'Chi bộ Tổ dân phố số 1') tdp1.push({ org: k, parents });
        if ((k.child_count ?? 0) > 0) await walk(k, [k, ...parents]);
      }
    };
    await walk(root, []);
    assert.ok(tdp1.length >= 2, 'the small demo has several "Chi bộ Tổ dân phố số 1"');
    ({ org: target, parents: [ward, district] } = tdp1[1]);
    // A member of another chi bộ of the first such ward moves to the target.
    const members = (await api.call('GET', `/api/members?org=${tdp1[0].org.id}&page_size=5`)).body.items;
    mover = members.find((m) => m.status === 'official') ?? members[0];
    assert.ok(mover, 'a member to transfer');
    browser = await startBrowser();
    page = await browser.context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    await login('e2e-admin', PASSWORDS.admin);
    consoleErrors.length = 0; // the 401 of /api/me before the login is expected
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('searches by words of the name and the ward in any order, ranked, with parents', async () => {
    const wardWords = fold(ward.name).replace(/^dang bo (phuong|xa|thi tran) /, '');
    for (const q of [`tdp 1 ${wardWords}`, `${wardWords} to dan pho so 1`, `${wardWords.toUpperCase()} TDP 01`]) {
      const r = await api.call('GET', `/api/orgs?q=${encodeURIComponent(q)}`);
      assert.equal(r.status, 200);
      assert.equal(r.body.items[0]?.id, target.id, `"${q}" finds the chi bộ first`);
      assert.deepEqual(r.body.items[0].parents.slice(0, 2).map((p) => p.id), [ward.id, district.id]);
    }
    // "1" is a number: no "số 10", "số 11" among the hits of "tdp 1"
    const all = await api.call('GET', '/api/orgs?q=tdp%201&page_size=200');
    assert.ok(all.body.total >= 2);
    assert.ok(all.body.items.every((o) => /số 1$/.test(o.name)), all.body.items.map((o) => o.name).join(', '));
    // the code finds it too, and paths are given by id
    const byCode = await api.call('GET', `/api/orgs?q=${encodeURIComponent(target.code)}`);
    assert.equal(byCode.body.items[0].id, target.id);
    const paths = await api.call('GET', `/api/orgs/paths?ids=${target.id},${ward.id}`);
    assert.equal(paths.status, 200);
    assert.deepEqual(paths.body.items.map((p) => p.id), [target.id, ward.id]);
    assert.equal(paths.body.items[0].parents[0].name, ward.name);
    assert.equal((await api.call('GET', '/api/orgs/paths?ids=1,x')).status, 400);
  });

  it('shows the path in the organization search page', async () => {
    const wardWords = fold(ward.name).replace(/^dang bo (phuong|xa|thi tran) /, '');
    await page.goto(server.base + '/orgs');
    await page.fill('#org-q', `tdp 1 ${wardWords}`);
    const first = page.locator('[data-testid=org-results] li').first();
    await first.waitFor();
    const text = await first.innerText();
    const wardShort = ward.name.replace(/^Đảng bộ phường /, 'P. ').replace(/^Đảng bộ xã /, 'X. ');
    const districtShort = district.name.replace(/^Đảng bộ quận /, 'Q. ').replace(/^Đảng bộ huyện /, 'H. ');
    assert.ok(text.startsWith(`Chi bộ TDP số 1 — ${wardShort} — ${districtShort}`), text);
    await shoot(page, 'org-search');
  });

  it('compares two dates: "giảm 10 (…%)" for the district and per child, labelled columns, print format', async () => {
    // Ten members of one ward leave two days ago; the test computes the expected words itself.
    const then = daysAgo(3), left = daysAgo(2), now = daysAgo(0);
    const before = (await api.call('GET', `/api/reports/structure?org=${district.id}&as_of=${then.iso}`)).body;
    const wardBefore = (await api.call('GET', `/api/reports/structure?org=${ward.id}&as_of=${then.iso}`)).body.counts.members;
    const leaving = (await api.call('GET', `/api/members?org=${ward.id}&page_size=40`)).body.items
      .filter((m) => m.id !== mover.id && (m.status === 'official' || m.status === 'probationary')).slice(0, 10);
    assert.equal(leaving.length, 10);
    for (const m of leaving) {
      const r = await api.call('POST', `/api/members/${m.id}/exit`, { kind: 'chuyen_di', date: left.iso, decision_no: '20-QĐ/ĐU', reason: 'Chuyển sinh hoạt ra ngoài Đảng bộ' });
      assert.equal(r.status, 200, JSON.stringify(r.body));
    }
    const pct = (n, of) => (Math.round((n * 1000) / of) / 10).toFixed(1).replace('.', ',');
    const words = (b, a) => (a < b ? `giảm ${b - a} (${pct(b - a, b)}%)` : a > b ? `tăng ${a - b} (${pct(a - b, b)}%)` : 'không đổi');
    const B = before.counts.members;
    await page.goto(`${server.base}/reports?org=${district.id}&as_of=${now.iso}&compare=${then.iso}`);
    const cell = page.locator('[data-testid=report-counts] [data-change=members]');
    await cell.waitFor();
    assert.equal(await cell.innerText(), words(B, B - 10));
    assert.equal(await page.locator('[data-testid=col-then]').innerText(), `Ngày ${then.dmy}`);
    assert.equal(await page.locator('[data-testid=col-now]').innerText(), `Ngày ${now.dmy}`);
    assert.match(await page.locator('[data-testid=report-as-of]').innerText(), new RegExp(`Số liệu tính đến ngày ${now.dmy} · so sánh với ngày ${then.dmy}`));
    const row = page.locator(`[data-testid=children-compare] tr[data-child="${ward.id}"]`);
    assert.equal(await row.locator('td').nth(2).innerText(), words(wardBefore, wardBefore - 10));
    // one scale per chart: members and organizations apart
    await page.locator('[data-testid=chart-change-members]').waitFor();
    await page.locator('[data-testid=chart-change-orgs]').waitFor();
    // the number of directly subordinate organizations is what the breakdown lists
    await shoot(page, 'report-compare');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('[data-testid=doc-header]').isVisible(), true);
    assert.match(await page.locator('[data-testid=doc-header]').innerText(), /ĐẢNG CỘNG SẢN VIỆT NAM[\s\S]*Hà Nội, ngày \d{2} tháng \d{2} năm \d{4}/);
    assert.match(await page.locator('[data-testid=doc-signature]').innerText(), /T\/M BAN THƯỜNG VỤ/);
    await page.screenshot({ path: `${process.env.BUILD_DIR ?? 'build'}/screenshots/report-print.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    const direct = (await api.call('GET', `/api/orgs/${district.id}/children`)).body.total;
    await page.goto(`${server.base}/reports?org=${district.id}`);
    const d = page.locator('[data-testid=report-counts] tr[data-count=direct] td');
    await d.waitFor();
    assert.equal(Number(await d.getAttribute('data-value')), direct);
  });

  it('transfers a member to the chi bộ found by typing "tdp 1 <ward>"', async () => {
    const wardWords = fold(ward.name).replace(/^dang bo (phuong|xa|thi tran) /, '');
    await page.goto(`${server.base}/members/${mover.id}/transfer`);
    await page.locator('[data-testid=transfer-form]').waitFor();
    await page.locator('#to_org_id').pressSequentially(`tdp 1 ${wardWords}`, { delay: 20 });
    const hit = page.locator(`[data-testid=orgpick-results] button[data-org-id="${target.id}"]`);
    await hit.waitFor();
    assert.equal(await page.locator('[data-testid=orgpick-results] button[data-org-id]').first().getAttribute('data-org-id'), String(target.id));
    assert.match(await hit.innerText(), new RegExp(`Chi bộ TDP số 1 — P\\. ${ward.name.replace(/^Đảng bộ phường /, '')}`));
    await shoot(page, 'transfer-picker');
    await hit.click();
    assert.equal(await page.locator('output#to_org_id').getAttribute('data-org-id'), String(target.id));
    await page.fill('#date', daysAgo(1).dmy);
    await page.fill('#decision_no', '15-QĐ/ĐU');
    await page.click('button[type=submit]');
    await page.locator('[data-testid=confirm-yes]').click();
    await page.locator('[data-testid=member-page]').waitFor();
    const org = page.locator('[data-testid=member-org]');
    await page.waitForFunction(() => (document.querySelector('[data-testid=member-org]')?.textContent ?? '').includes(' — '));
    assert.match(await org.innerText(), new RegExp(`^Chi bộ TDP số 1 — P\\. ${ward.name.replace(/^Đảng bộ phường /, '')}`));
    const r = await api.call('GET', `/api/members/${mover.id}`);
    assert.equal(r.body.org.id, target.id);
    await shoot(page, 'member-after-transfer');
  });

  it('browses the tree inside the picker and picks a chi bộ', async () => {
    await page.goto(`${server.base}/members/new?org=`);
    await page.locator('[data-testid=admit-form]').waitFor();
    await page.getByRole('button', { name: 'Chọn theo cây tổ chức' }).click();
    const tree = page.locator('[data-testid=orgpick-tree]');
    await tree.locator('.tree-row').first().waitFor();
    // district, then ward, then the target chi bộ
    for (const o of [district, ward]) {
      await tree.locator('.tree-row', { hasText: o.name.replace(/Tổ dân phố/g, 'TDP') }).first().getByRole('button', { name: 'Xem trực thuộc' }).click();
      await tree.locator('.tree-here strong', { hasText: o.name }).waitFor();
    }
    await tree.locator(`button[data-org-id="${target.id}"]`).click();
    assert.equal(await page.locator('output#org_id').getAttribute('data-org-id'), String(target.id));
  });

  it('lists members with page jumps, column sorting, an organization filter and export of the filtered list', async () => {
    await page.goto(`${server.base}/members`);
    await page.locator('[data-testid=member-table]').waitFor();
    const total = (await api.call('GET', '/api/members?page_size=1')).body.total;
    const pages = Math.ceil(total / 50);
    assert.ok(pages >= 3, `the small demo has at least 3 pages of members (${pages})`);
    assert.equal(await page.locator('[data-testid=pager-of]').innerText(), `/ ${pages}`);
    await page.fill('[data-testid=pager-input]', '3');
    await page.keyboard.press('Enter');
    await page.waitForURL(/page=3/);
    const third = (await api.call('GET', '/api/members?page=3&page_size=50&sort=name')).body.items[0];
    await page.locator('.member-name').first().filter({ hasText: third.full_name }).waitFor();
    // sort by birth date: the header's button; dates then ascend
    await page.click('button[data-sort=birth_date]');
    await page.waitForURL(/sort=birth_date/);
    await page.waitForFunction(() => document.querySelector('th[aria-sort=ascending] button[data-sort=birth_date]'));
    await page.waitForFunction(() => {
      const iso = [...document.querySelectorAll('[data-testid=member-table] tbody tr td:nth-child(3)')].map((td) => td.textContent.split('/').reverse().join('-'));
      return iso.length > 5 && iso.every((d, i) => i === 0 || iso[i - 1] <= d);
    });
    // the organization filter through the picker: the ward's members only
    const wardWords = fold(ward.name).replace(/^dang bo (phuong|xa|thi tran) /, '');
    await page.locator('#member-org').pressSequentially(wardWords, { delay: 20 });
    await page.locator(`[data-testid=orgpick-results] button[data-org-id="${ward.id}"]`).click();
    await page.waitForURL(new RegExp(`org=${ward.id}`));
    const inWard = (await api.call('GET', `/api/members?org=${ward.id}&page_size=1`)).body.total;
    await page.locator('[data-testid=member-total]', { hasText: String(inWard) }).waitFor();
    // the export writes every filtered row (the CSV is caught as the browser makes it)
    await page.evaluate(() => {
      const orig = URL.createObjectURL;
      URL.createObjectURL = (b) => { b.text().then((x) => { window.__csv = x; }); return orig.call(URL, b); };
    });
    await page.click('[data-testid=export-filtered]');
    await page.waitForFunction(() => typeof window.__csv === 'string');
    const csv = await page.evaluate(() => window.__csv);
    const lines = csv.replace(/^\ufeff/, '').trim().split(/\r\n/);
    assert.equal(lines.length, inWard + 1, 'a header and one line per member of the ward');
    assert.match(lines[0], /^Họ và tên,/);
    assert.ok(lines.slice(1).every((l) => l.includes(shortWard(ward.name))), lines[1]);
    await shoot(page, 'members-filtered');
  });

  it('due list: urgency colours, lateness from the deadline, filter, export, and one decision for several members', async () => {
    // Three probationary members whose 12 months ended: 40 days ago... (past the 30 working days),
    // 5 days ago (within them), and one due in 3 days.
    const branches = (await api.call('GET', `/api/orgs/${ward.id}/children`)).body.items.filter((k) => k.form === 'chi_bo');
    const ids = [];
    for (const [name, ceremonyDaysAgo] of [['Đỗ Văn Quáhạn', 365 + 70], ['Đỗ Thị Đếnhạn', 365 + 5], ['Đỗ Văn Sắpđến', 365 - 3]]) {
      const c = daysAgo(ceremonyDaysAgo);
      const r = await api.call('POST', '/api/members', {
        full_name: name, gender: name.includes('Thị') ? 'nu' : 'nam', birth_date: '1990-03-03', org_id: branches[0].id,
        decision_no: '7-QĐ/ĐU', decision_date: daysAgo(ceremonyDaysAgo + 10).iso, ceremony_date: c.iso,
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      ids.push(r.body.id);
    }
    await page.goto(`${server.base}/due?org=${ward.id}`);
    await page.locator('[data-testid=due-table]').waitFor();
    const urg = async (id) => page.locator(`tr[data-member="${id}"]`).getAttribute('data-urgency');
    assert.equal(await urg(ids[0]), 'overdue');
    assert.equal(await urg(ids[1]), 'pending');
    assert.equal(await urg(ids[2]), 'soon');
    // lateness: working days (Mon–Fri; no holiday falls in these weeks of the year) after the
    // deadline, which is the due date plus 30 working days
    const due = (await api.call('GET', `/api/members/due?org=${ward.id}`)).body.items.find((m) => m.id === ids[0]);
    let n = 0;
    for (let d = new Date(due.deadline + 'T12:00:00Z'); ;) {
      d.setUTCDate(d.getUTCDate() + 1);
      if (d.toISOString().slice(0, 10) > daysAgo(0).iso) break;
      if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) n++;
    }
    assert.equal(await page.locator(`tr[data-member="${ids[0]}"] [data-testid=due-state]`).innerText(), `Quá hạn xét ${n} ngày làm việc`);
    // name filter
    await page.fill('#due-name', 'do van');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=due-table] tbody tr').length === 2);
    await page.fill('#due-name', '');
    await shoot(page, 'due-list');
    // one decision for two members
    await page.check(`input[data-pick="${ids[0]}"]`);
    await page.check(`input[data-pick="${ids[1]}"]`);
    await page.locator('[data-testid=bulk-official]').waitFor();
    await page.fill('#bulk_decision_no', '31-QĐ/ĐU');
    await page.fill('#bulk_decision_date', daysAgo(0).dmy);
    await page.click('[data-testid=bulk-official] button[type=submit]');
    const dlg = page.locator('dialog[open]');
    await dlg.waitFor();
    assert.match(await dlg.innerText(), /2 đảng viên theo quyết định số 31-QĐ\/ĐU/);
    await page.locator('[data-testid=confirm-yes]').click();
    await page.locator('[data-testid=bulk-notice]', { hasText: '2 đảng viên' }).waitFor();
    for (const id of ids.slice(0, 2)) assert.equal((await api.call('GET', `/api/members/${id}`)).body.status, 'official');
    assert.equal((await api.call('GET', `/api/members/${ids[2]}`)).body.status, 'probationary');
  });

  it('lands on a dashboard of the scope: counts, due members, review progress, recent changes', async () => {
    const year = new Date().getFullYear();
    const branch = (await api.call('GET', `/api/orgs/${ward.id}/children`)).body.items.find((k) => k.form === 'chi_bo');
    const rub = await api.call('GET', `/api/reviews/rubric?subject=chi_bo&year=${year}`);
    assert.equal(rub.status, 200, JSON.stringify(rub.body));
    const units = async () => {
      // organizations that are reviewed: every one below the root that is not above-base
      let n = 0;
      const walk = async (id) => {
        for (const k of (await api.call('GET', `/api/orgs/${id}/children`)).body.items) {
          if (k.tier !== 'above_base') n++;
          if ((k.child_count ?? 0) > 0) await walk(k.id);
        }
      };
      await walk(server.rootId);
      return n;
    };
    const U = await units();
    await page.goto(server.base + '/');
    await page.locator('[data-testid=dashboard]').waitFor();
    const root = (await api.call('GET', '/api/orgs/root')).body;
    assert.equal(await page.locator('[data-testid=dash-counts] [data-count=members] dd').innerText(), root.counts.members.toLocaleString('de-DE'));
    assert.match(await page.locator('[data-testid=dash-review-summary]').innerText(), new RegExp(`^0/${U.toLocaleString('de-DE')} tổ chức đã bắt đầu`));
    assert.equal(await page.locator(`[data-testid=dash-not-started] li[data-org="${branch.id}"]`).count() + 0 >= 0, true);
    // one chi bộ starts its self-assessment: the progress says 1/U and it leaves the not-started list
    const scores = rub.body.groups.flatMap((g) => g.criteria).map((c) => `${c.code}=${c.max}`).join('; ');
    const r = await api.call('POST', `/api/reviews/orgs/${branch.id}/steps`, { year, step: 'self_assess', scores });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    await page.reload();
    await page.locator('[data-testid=dash-review-summary]').waitFor();
    assert.match(await page.locator('[data-testid=dash-review-summary]').innerText(), new RegExp(`^1/${U.toLocaleString('de-DE')} tổ chức đã bắt đầu`));
    assert.equal(await page.locator(`[data-testid=dash-not-started] li[data-org="${branch.id}"]`).count(), 0);
    const districtRow = page.locator(`[data-testid=dash-review-children] tr[data-child="${district.id}"] td`).nth(1);
    assert.match(await districtRow.innerText(), /^1 /);
    // recent changes: the latest is that review step, then the two recognitions of the due list
    await page.locator('[data-testid=dash-recent] li').first().waitFor();
    assert.match(await page.locator('[data-testid=dash-recent] li').first().innerText(), /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2} Tự đánh giá — /);
    await shoot(page, 'dashboard');
  });

  it('staff import: the dry run refuses a row outside the scope; after an import the file is cleared', async () => {
    const kids = (await api.call('GET', `/api/orgs/${server.rootId}/children`)).body.items;
    const other = kids.find((k) => k.id !== district.id);
    const findBranch = async (id) => {
      for (const k of (await api.call('GET', `/api/orgs/${id}/children`)).body.items) {
        if (k.form === 'chi_bo' && (k.child_count ?? 0) === 0) return k;
        const b = await findBranch(k.id);
        if (b) return b;
      }
      return null;
    };
    const inside = target; // a chi bộ of the staff's district
    const outside = await findBranch(other.id);
    const districtCode = (await api.call('GET', `/api/orgs/${district.id}`)).body.code;
    server.addUser('e2e-staff', 'staff', districtCode);
    await page.click('[data-testid=logout]');
    await login('e2e-staff', PASSWORDS.staff);
    const hdr = 'Họ và tên,Giới tính,Ngày sinh,Ngày quyết định kết nạp,Ngày kết nạp,Chi bộ\n';
    const bad = `${hdr}Hoàng Văn Trong,Nam,02/02/1990,01/01/2015,20/01/2015,${inside.code}\nHoàng Văn Ngoài,Nam,02/02/1990,01/01/2015,20/01/2015,${outside.code}\n`;
    await page.goto(`${server.base}/import`);
    await page.setInputFiles('#import-file', { name: 'nhap.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.click('button[type=submit]');
    const rep = page.locator('[data-testid=import-report]');
    await rep.waitFor();
    assert.match(await rep.locator('h2#import-report').innerText(), /^Tệp có 1 lỗi trong 1 dòng/);
    const row = await rep.locator('tbody tr').first().innerText();
    // the row outside the scope is named (its line, the member, the organization) and refused
    assert.match(row, /^3\s+Chi bộ\s+Hoàng Văn Ngoài: .*(ngoài phạm vi|không thuộc phạm vi)/, row);
    assert.equal(await page.getByRole('button', { name: /Xác nhận nhập/ }).count(), 0, 'no confirm button for a refused file');
    await page.locator('[data-testid=import-errors-file]').waitFor();
    await shoot(page, 'import-refused');
    const none = await api.call('GET', '/api/members?q=hoang%20van%20trong');
    assert.equal(none.body.total, 0, 'the dry run wrote nothing');
    // a good file: checked, imported, the file input is then empty
    const good = `${hdr}Hoàng Văn Trong,Nam,02/02/1990,01/01/2015,20/01/2015,${inside.code}\n`;
    await page.setInputFiles('#import-file', { name: 'nhap.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await page.click('button[type=submit]');
    await rep.locator('.ok-text').waitFor();
    await page.getByRole('button', { name: 'Xác nhận nhập 1 dòng' }).click();
    await page.locator('[data-testid=confirm-yes]').click();
    await page.locator('[data-testid=import-done]').waitFor();
    assert.equal(await page.locator('#import-file').evaluate((el) => el.value), '');
    assert.equal((await api.call('GET', '/api/members?q=hoang%20van%20trong')).body.total, 1);
    await page.click('[data-testid=logout]');
    await login('e2e-admin', PASSWORDS.admin);
    consoleErrors.length = 0;
  });

  it('corrects a birth date with a reason, shows before and after, and the report of a past date follows', async () => {
    const asOf = '2020-12-31';
    const ageOn = (birth) => { const [y, m, d] = birth.split('-').map(Number); let a = 2020 - y; if (m > 12 || (m === 12 && d > 31)) a--; return a; };
    const band = (a) => (a <= 30 ? 0 : a <= 40 ? 1 : a <= 50 ? 2 : a <= 60 ? 3 : a <= 70 ? 4 : 5);
    const members = (await api.call('GET', `/api/members?org=${ward.id}&as_of=${asOf}&page_size=50`)).body.items;
    const m = members.find((x) => x.birth_date && band(ageOn(x.birth_date)) < 4);
    assert.ok(m, 'a member under 61 on 31/12/2020');
    const bands = async () => (await api.call('GET', `/api/reports/structure?org=${ward.id}&as_of=${asOf}`)).body.breakdowns.age_band.map((b) => b.count);
    const before = await bands();
    assert.equal(before.length, 6);
    await page.goto(`${server.base}/members/${m.id}`);
    await page.click('[data-testid=member-correct]');
    await page.locator('[data-testid=correct-form]').waitFor();
    await page.fill('#c_birth_date', '01/01/1945');
    await page.click('[data-testid=correct-form] button[type=submit]');
    // the reason is required
    await page.locator('#c_reason[aria-invalid=true]').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'c_reason');
    await page.fill('#c_reason', 'Nhập nhầm năm sinh theo lý lịch gốc');
    const row = page.locator('[data-testid=correct-form] > .table-wrap [data-field=birth_date]');
    assert.equal(await row.innerText(), `Ngày sinh\t${m.birth_date.split('-').reverse().join('/')}\t01/01/1945`);
    await page.click('[data-testid=correct-form] button[type=submit]');
    const dlg = page.locator('dialog[open]');
    await dlg.waitFor();
    assert.match(await dlg.innerText(), /Nhập nhầm năm sinh/);
    await dlg.locator('[data-field=birth_date]').waitFor();
    await shoot(page, 'member-correct');
    await page.locator('[data-testid=confirm-yes]').click();
    await page.locator('[data-testid=corrected]').waitFor();
    const hist = page.locator('[data-testid=corrections] [data-corr-field=birth_date]');
    await hist.waitFor();
    assert.equal((await hist.innerText()).replace(/\s+/g, " "), `Ngày sinh: ${m.birth_date.split('-').reverse().join('/')} → 01/01/1945`);
    // the report of 31/12/2020 follows: one member leaves the old band for "over 70"
    const want = before.map((c, i) => c - (i === band(ageOn(m.birth_date)) ? 1 : 0) + (i === 5 ? 1 : 0));
    assert.deepEqual(await bands(), want);
    await page.goto(`${server.base}/reports?org=${ward.id}&as_of=${asOf}`);
    const cells = page.locator('[data-breakdown=age_band] tbody tr td:nth-child(2)');
    await cells.first().waitFor();
    assert.deepEqual((await cells.allInnerTexts()).map((x) => Number(x.replace(/\./g, ''))), want);
  });

  it('manages organizations: founds a chi bộ, then merges it; the merged one says so and opens as of its last day; a report before its founding says why', async () => {
    const founded = daysAgo(10);
    await page.goto(`${server.base}/orgs/${ward.id}`);
    await page.click('[data-testid=org-manage] [data-op=create]');
    await page.locator('[data-testid=orgop-create]').waitFor();
    await page.selectOption('#op_kind', 'chi_bo_truc_thuoc');
    await page.fill('#op_code', 'E2E.KT1');
    await page.fill('#op_name', 'Chi bộ Kiểm thử');
    await page.fill('#op_date', founded.dmy);
    await shoot(page, 'org-manage-create');
    await page.click('[data-testid=orgop-create] button[type=submit]');
    await page.locator('#op_decision_no[aria-invalid=true]').waitFor(); // the decision is asked for
    await page.fill('#op_decision_no', '101-QĐ/ĐU');
    await page.click('[data-testid=orgop-create] button[type=submit]');
    const dlg = page.locator('dialog[open]');
    await dlg.waitFor();
    assert.equal(await dlg.locator('p').innerText(), `Thành lập Chi bộ Kiểm thử (mã E2E.KT1) trực thuộc ${ward.name}, từ ngày ${founded.dmy} theo quyết định số 101-QĐ/ĐU?`);
    await page.locator('[data-testid=confirm-yes]').click();
    await page.locator('[data-testid=org-done]').waitFor();
    const created = (await api.call('GET', '/api/orgs?q=E2E.KT1')).body.items[0];
    assert.equal(created.name, 'Chi bộ Kiểm thử');
    assert.equal(created.parent_id, ward.id);
    assert.equal(new URL(page.url()).pathname, `/orgs/${created.id}`);
    // a report of a day before its founding says why
    await page.goto(`${server.base}/reports?org=${created.id}&as_of=2020-12-31`);
    await page.locator('.notice-error, [role=alert]').first().waitFor();
    assert.match(await page.locator('main').innerText(), new RegExp(`Chi bộ Kiểm thử được thành lập ngày ${founded.dmy}, chưa có vào ngày 31/12/2020`));
    // merge it into the ward's TDP số 1 through the picker
    const wardWords = fold(ward.name).replace(/^dang bo (phuong|xa|thi tran) /, '');
    await page.goto(`${server.base}/orgs/${created.id}/manage/merge`);
    await page.locator('#op_other').pressSequentially(`tdp 1 ${wardWords}`, { delay: 20 });
    await page.locator(`[data-testid=orgpick-results] button[data-org-id="${target.id}"]`).click();
    await page.fill('#op_decision_no', '102-QĐ/ĐU');
    await shoot(page, 'org-manage-merge');
    await page.click('[data-testid=orgop-merge] button[type=submit]');
    await page.locator('dialog[open]').waitFor();
    await page.locator('[data-testid=confirm-yes]').click();
    await page.waitForURL(`**/orgs/${target.id}?done=merge`);
    // the absorbing chi bộ: its members' tiles only, and its own history with the merge in it
    await page.locator('[data-testid=org-page] table tbody tr', { hasText: 'Chi bộ Kiểm thử' }).first().waitFor();
    assert.deepEqual(await page.locator('[data-testid=counts] [data-count]').evaluateAll((els) => els.map((e) => e.getAttribute('data-count'))),
      ['members', 'official', 'probationary']);
    const hist = await page.locator('section[aria-labelledby=org-history] tbody tr').allInnerTexts();
    assert.equal(hist.filter((r) => r.includes('Chi bộ Kiểm thử')).length, 1, hist.join('\n'));
    assert.ok(!hist.some((r) => r.includes('101-QĐ/ĐU')), `the absorbed chi bộ's founding is not the target's:\n${hist.join('\n')}`);
    await shoot(page, 'org-after-merge');
    // the merged chi bộ's page: why, and the page of its last day
    await page.goto(`${server.base}/orgs/${created.id}`);
    const why = page.locator('[data-testid=org-ended-reason]');
    await why.waitFor();
    assert.equal(await why.innerText(), `Chi bộ Kiểm thử đã hợp nhất vào Chi bộ Tổ dân phố số 1 từ ngày ${daysAgo(0).dmy}`);
    // the page opens as of its last day
    await page.locator('[data-testid=org-as-of]', { hasText: daysAgo(1).dmy }).waitFor();
    assert.equal((await page.locator('h1').innerText()).trim(), 'Chi bộ Kiểm thử');
    await shoot(page, 'org-merged-last-day');
  });

  it('lets an admin add and disable an account', async () => {
    await page.goto(`${server.base}/users`);
    await page.locator('[data-testid=users-table]').waitFor();
    await page.fill('#u_username', 'e2e-moi');
    await page.fill('#u_full_name', 'Cán bộ Mới');
    await page.selectOption('#u_role', 'staff');
    await page.locator('#u_scope_org_id').pressSequentially(fold(district.name).replace(/^dang bo /, ''), { delay: 20 });
    await page.locator(`[data-testid=orgpick-results] button[data-org-id="${district.id}"]`).click();
    await page.fill('#u_password', 'Matkhau-moi-2024');
    await page.click('[data-testid=user-add] button[type=submit]');
    await page.locator('dialog[open]').waitFor();
    assert.match(await page.locator('dialog[open] p').innerText(), /^Thêm tài khoản e2e-moi, vai trò Cán bộ nghiệp vụ, phạm vi /);
    await page.locator('[data-testid=confirm-yes]').click();
    const row = page.locator('tr[data-user="e2e-moi"]');
    await row.waitFor();
    assert.match(await row.innerText(), /Cán bộ Mới\s+Cán bộ nghiệp vụ/);
    await row.locator('button[data-action=disable]').click();
    await page.locator('[data-testid=confirm-yes]').click();
    await row.locator('td', { hasText: 'Đã khóa' }).waitFor();
    const l = await new Api(server.base).call('POST', '/api/login', { username: 'e2e-moi', password: 'Matkhau-moi-2024' });
    assert.equal(l.status, 401);
    await shoot(page, 'users');
  });

  it('shows a viewer no export that would fail', async () => {
    server.addUser('e2e-viewer', 'viewer', server.root);
    await page.click('[data-testid=logout]');
    await login('e2e-viewer', PASSWORDS.viewer);
    await page.goto(`${server.base}/reports`);
    await page.locator('[data-testid=sentence]').waitFor();
    assert.equal(await page.locator('[data-testid=export-members]').count(), 0);
    await page.click('[data-testid=logout]');
    await login('e2e-admin', PASSWORDS.admin);
    consoleErrors.length = 0;
  });

  it('runs without console errors', () => {
    assert.deepEqual(consoleErrors, []);
  });
});
