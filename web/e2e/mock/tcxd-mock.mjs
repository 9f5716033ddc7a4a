#!/usr/bin/env node
// Development stand-in for the `tcxd` binary, used only while the C server is being written:
// implements `demo`, `user add` and `serve` with the agreed command lines and the HTTP API of
// docs/api-contract.md, on a JSON file instead of SQLite. The e2e tests run against the real
// binary (scripts/web.sh e2e requires TCXD_BIN); point TCXD_BIN here only to develop the UI.
import { createServer } from 'node:http';
import { readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { randomBytes, createHash } from 'node:crypto';
import { join, extname, resolve } from 'node:path';

const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : dflt; };
const db = opt('--db');
if (!db) { console.error('tcxd-mock: --db is required'); process.exit(2); }
const load = () => JSON.parse(readFileSync(db, 'utf8'));
const save = (s) => writeFileSync(db, JSON.stringify(s));
const hash = (pw) => createHash('sha256').update(pw).digest('hex');
const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
const collator = new Intl.Collator('vi');

function rng(seed) { let x = seed; return () => { x = (x * 1103515245 + 12345) % 2147483648; return x / 2147483648; }; }

function demo() {
  const r = rng(42);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const orgs = [];
  let oid = 0;
  const add = (o) => { const org = { id: ++oid, valid_from: '2000-01-01', valid_to: null, base_type: null, ...o }; orgs.push(org); return org; };
  const root = add({ code: 'HN', name: 'Đảng bộ Thành phố Mẫu', tier: 'above_base', form: 'dang_bo', kind: 'cap_tren_co_so', parent_id: null });
  const districts = ['Quận Ba Đình', 'Quận Hoàn Kiếm', 'Huyện Sóc Sơn'];
  const members = [];
  let mid = 0;
  const fam = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ'];
  const mids = { nam: ['Văn', 'Đức', 'Minh', 'Quang'], nu: ['Thị', 'Thị', 'Ngọc', 'Thu'] };
  const given = { nam: ['An', 'Bình', 'Cường', 'Dũng', 'Hùng', 'Long'], nu: ['Lan', 'Hoa', 'Hương', 'Mai', 'Ngân', 'Yến'] };
  districts.forEach((d, di) => {
    const dist = add({ code: `HN${di + 1}`, name: `Đảng bộ ${d}`, tier: 'above_base', form: 'dang_bo', kind: 'cap_tren_co_so', parent_id: root.id });
    for (let b = 1; b <= 2; b++) {
      const base = add({ code: `${dist.code}-${b}`, name: `Đảng bộ phường ${d.split(' ').pop()} ${b}`, tier: 'base', form: 'dang_bo', kind: 'dang_bo_co_so', base_type: b === 1 ? 'phuong' : 'co_quan_hanh_chinh', parent_id: dist.id });
      for (let c = 1; c <= 2; c++) {
        const cb = add({ code: `${base.code}-${c}`, name: `Chi bộ khu dân cư số ${c} ${d.split(' ').pop()} ${b}`, tier: 'below_base', form: 'chi_bo', kind: 'chi_bo_truc_thuoc', parent_id: base.id });
        for (let i = 0; i < 12; i++) {
          const g = r() < 0.45 ? 'nu' : 'nam';
          const by = 1950 + Math.floor(r() * 50);
          const admitted = `${Math.min(by + 19 + Math.floor(r() * 15), 2022)}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`;
          const prob = r() < 0.12;
          const dec = prob ? `2024-0${1 + Math.floor(r() * 9)}-0${1 + Math.floor(r() * 9)}` : admitted;
          members.push({
            id: ++mid, full_name: `${pick(fam)} ${pick(mids[g])} ${pick(given[g])}`, gender: g,
            birth_date: `${by}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`, status: prob ? 'probationary' : 'official',
            org_id: cb.id, ethnicity: 'Kinh', religion: 'Không', hometown: 'Hà Nội', national_id: `0010${by}${String(mid).padStart(4, '0')}`,
            education: '12/12', professional_level: 'Cử nhân', theory_level: pick(['none', 'so_cap', 'trung_cap', 'cao_cap']),
            admission_decision_date: dec, ceremony_date: dec, official_date: prob ? null : dec, party_card_no: prob ? null : `HN${mid}`,
            events: [{ id: mid * 10, date: dec, kind: 'admit', decision_no: `${mid}-QĐ/ĐU`, detail: '', org_id: cb.id }],
          });
        }
      }
    }
  });
  save({ orgs, members, users: [], sessions: {}, nextEvent: 100000 });
}

function userAdd() {
  const name = argv[argv.indexOf('add') + 1];
  const s = load();
  const scope = s.orgs.find((o) => o.code === opt('--scope'));
  if (!scope) { console.error('tcxd-mock: unknown scope'); process.exit(1); }
  const pw = readFileSync(0, 'utf8').replace(/\r?\n$/, '');
  s.users = s.users.filter((u) => u.username !== name);
  s.users.push({ username: name, full_name: opt('--full-name', name), role: opt('--role'), scope_id: scope.id, pw: hash(pw) });
  save(s);
}

function serve() {
  const s = load();
  const [host, port] = opt('--listen', '127.0.0.1:8080').split(':');
  const webRoot = resolve(opt('--web-root', 'web/dist'));
  const byId = new Map(s.orgs.map((o) => [o.id, o]));
  const kids = (id) => s.orgs.filter((o) => o.parent_id === id).sort((a, b) => collator.compare(a.name, b.name));
  const under = (id, rootId) => { for (let o = byId.get(id); o; o = byId.get(o.parent_id)) if (o.id === rootId) return true; return false; };
  const subtreeIds = (id) => { const out = [id]; for (let i = 0; i < out.length; i++) kids(out[i]).forEach((k) => out.push(k.id)); return new Set(out); };
  const active = (m) => m.status === 'official' || m.status === 'probationary';
  const path = (o) => { const p = []; for (let x = o; x; x = byId.get(x.parent_id)) p.unshift({ id: x.id, name: x.name }); return p; };
  const orgJson = (o) => ({ id: o.id, code: o.code, name: o.name, tier: o.tier, form: o.form, kind: o.kind, kind_label: { cap_tren_co_so: 'Cấp trên cơ sở', dang_bo_co_so: 'Đảng bộ cơ sở', chi_bo_truc_thuoc: 'Chi bộ trực thuộc' }[o.kind] ?? o.kind, base_type: o.base_type, parent_id: o.parent_id, valid_from: o.valid_from, valid_to: o.valid_to });
  const counts = (o) => {
    const ids = subtreeIds(o.id);
    const ms = s.members.filter((m) => ids.has(m.org_id) && active(m));
    const sub = [...ids].map((i) => byId.get(i));
    return { members: ms.length, official: ms.filter((m) => m.status === 'official').length, probationary: ms.filter((m) => m.status === 'probationary').length,
      children: kids(o.id).length, base_orgs: sub.filter((x) => x.tier === 'base').length, partial_committees: 0, branches: sub.filter((x) => x.form === 'chi_bo').length };
  };
  const age = (b, now = new Date().toISOString().slice(0, 10)) => { const y = Number(now.slice(0, 4)) - Number(b.slice(0, 4)); return now.slice(5) < b.slice(5) ? y - 1 : y; };
  const summary = (m) => ({ id: m.id, full_name: m.full_name, gender: m.gender, birth_date: m.birth_date, status: m.status, org: { id: m.org_id, name: byId.get(m.org_id).name }, party_age_years: m.official_date ? age(m.admission_decision_date) : null });
  const err = (res, status, code, message, field) => json(res, status, { error: { code, message, field } });
  const json = (res, status, body) => { res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' }); res.end(JSON.stringify(body)); };
  const persist = () => save(s);

  createServer(async (req, res) => {
    res.setHeader('Content-Security-Policy', "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
    const url = new URL(req.url, 'http://x');
    const p = url.pathname;
    if (!p.startsWith('/api/')) {
      let f = join(webRoot, p);
      if (!f.startsWith(webRoot) || !existsSync(f) || statSync(f).isDirectory()) f = join(webRoot, 'index.html');
      const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
      res.writeHead(200, { 'Content-Type': types[extname(f)] ?? 'application/octet-stream' });
      res.end(readFileSync(f));
      return;
    }
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const raw = Buffer.concat(chunks);
    let body = {};
    if (raw.length && (req.headers['content-type'] ?? '').includes('json')) { try { body = JSON.parse(raw.toString('utf8')); } catch { return err(res, 400, 'invalid', 'JSON không hợp lệ', ''); } }
    const en = (req.headers['accept-language'] ?? 'vi').startsWith('en');
    const cookie = /tcxd_session=([0-9a-f]+)/.exec(req.headers.cookie ?? '')?.[1];
    const sess = cookie && s.sessions[cookie];
    const user = sess && s.users.find((u) => u.username === sess.username);
    const me = () => ({ user: { username: user.username, full_name: user.full_name, role: user.role, scope: { id: user.scope_id, code: byId.get(user.scope_id).code, name: byId.get(user.scope_id).name } }, csrf: sess.csrf });
    if (p === '/api/login' && req.method === 'POST') {
      s.users = load().users; // the CLI may have added users since start
      const u = s.users.find((x) => x.username === body.username && x.pw === hash(body.password ?? ''));
      if (!u) return err(res, 401, 'unauthorized', en ? 'Wrong username or password' : 'Sai tên đăng nhập hoặc mật khẩu', '');
      const tok = randomBytes(16).toString('hex');
      s.sessions[tok] = { username: u.username, csrf: randomBytes(16).toString('hex') };
      res.setHeader('Set-Cookie', `tcxd_session=${tok}; HttpOnly; SameSite=Strict; Path=/`);
      const sess2 = s.sessions[tok];
      return json(res, 200, { user: { username: u.username, full_name: u.full_name, role: u.role, scope: { id: u.scope_id, code: byId.get(u.scope_id).code, name: byId.get(u.scope_id).name } }, csrf: sess2.csrf });
    }
    if (!user) return err(res, 401, 'unauthorized', en ? 'Not logged in' : 'Chưa đăng nhập', '');
    if (req.method !== 'GET' && req.headers['x-csrf-token'] !== sess.csrf) return err(res, 403, 'forbidden', 'CSRF', '');
    if (req.method !== 'GET' && user.role === 'viewer' && p !== '/api/logout') return err(res, 403, 'forbidden', 'Chỉ xem', '');
    const inScope = (id) => byId.has(id) && under(id, user.scope_id);
    const notFound = () => err(res, 404, 'not_found', en ? 'Not found' : 'Không tìm thấy', '');
    let m;
    if (p === '/api/logout') { delete s.sessions[cookie]; return json(res, 200, {}); }
    if (p === '/api/me') return json(res, 200, me());
    if (p === '/api/me/password') {
      if (user.pw !== hash(body.old_password ?? '')) return err(res, 400, 'invalid', en ? 'Wrong current password' : 'Mật khẩu hiện tại không đúng', 'old_password');
      user.pw = hash(body.new_password); persist(); return json(res, 200, {});
    }
    if (p === '/api/orgs/root') { const o = byId.get(user.scope_id); return json(res, 200, { ...orgJson(o), path: path(o), counts: counts(o) }); }
    if (p === '/api/orgs') {
      const q = fold(url.searchParams.get('q') ?? '');
      const items = s.orgs.filter((o) => inScope(o.id) && fold(o.name).includes(q)).sort((a, b) => collator.compare(a.name, b.name));
      return json(res, 200, { items: items.slice(0, 50).map(orgJson), total: items.length, page: 1, page_size: 50 });
    }
    if ((m = /^\/api\/orgs\/(\d+)(\/children|\/history)?$/.exec(p))) {
      const id = Number(m[1]);
      if (!inScope(id)) return notFound();
      const o = byId.get(id);
      if (m[2] === '/children') return json(res, 200, { items: kids(id).map((k) => ({ ...orgJson(k), member_count: counts(k).members, child_count: kids(k.id).length })) });
      if (m[2] === '/history') return json(res, 200, { items: [{ date: o.valid_from, kind: 'create', decision_no: `${o.id}-QĐ/TU`, detail: '' }] });
      return json(res, 200, { ...orgJson(o), path: path(o), counts: counts(o) });
    }
    if (p === '/api/members/due') {
      const today = new Date().toISOString().slice(0, 10);
      const items = s.members.filter((x) => x.status === 'probationary' && inScope(x.org_id)).map((x) => {
        const d = new Date(x.ceremony_date); d.setFullYear(d.getFullYear() + 1);
        const due = d.toISOString().slice(0, 10);
        const late = Math.floor((Date.parse(today) - Date.parse(due)) / 86400000);
        return { ...summary(x), due_date: due, overdue: late > 42, working_days_late: late > 42 ? Math.floor((late - 42) * 5 / 7) : 0 };
      });
      return json(res, 200, { items, total: items.length, page: 1, page_size: 200 });
    }
    if (p === '/api/members' && req.method === 'GET') {
      const sp = url.searchParams;
      const root = sp.get('org') ? Number(sp.get('org')) : user.scope_id;
      if (!inScope(root)) return notFound();
      const ids = subtreeIds(root);
      const q = fold(sp.get('q') ?? '');
      let items = s.members.filter((x) => ids.has(x.org_id) && (sp.get('status') ? x.status === sp.get('status') : active(x)) && fold(x.full_name).includes(q)
        && (!sp.get('gender') || x.gender === sp.get('gender')) && (!sp.get('theory') || x.theory_level === sp.get('theory'))
        && (!sp.get('age_min') || age(x.birth_date) >= Number(sp.get('age_min'))) && (!sp.get('age_max') || age(x.birth_date) <= Number(sp.get('age_max'))));
      const key = (x) => { const w = x.full_name.split(' '); return [w[w.length - 1], ...w.slice(0, -1)].join(' '); };
      items.sort(sp.get('sort') === 'birth_date' ? (a, b) => a.birth_date.localeCompare(b.birth_date) : (a, b) => collator.compare(key(a), key(b)));
      const size = Math.min(200, Number(sp.get('page_size')) || 50), page = Number(sp.get('page')) || 1;
      return json(res, 200, { items: items.slice((page - 1) * size, page * size).map(summary), total: items.length, page, page_size: size });
    }
    if (p === '/api/members' && req.method === 'POST') {
      if (!body.full_name) return err(res, 400, 'invalid', en ? 'Full name is required' : 'Thiếu họ và tên', 'full_name');
      if (!inScope(body.org_id)) return err(res, 404, 'not_found', 'Không tìm thấy tổ chức', 'org_id');
      if (age(body.birth_date, body.decision_date) < 18) return err(res, 422, 'rule', en ? 'An applicant must be at least 18 years old on the admission date' : 'Người vào Đảng phải đủ 18 tuổi tại ngày kết nạp', 'birth_date');
      const x = { ...body, id: s.members.length + 1, status: 'probationary', admission_decision_date: body.decision_date, official_date: null, party_card_no: null,
        events: [{ id: s.nextEvent++, date: body.decision_date, kind: 'admit', decision_no: body.decision_no, detail: '', org_id: body.org_id }] };
      s.members.push(x); persist();
      return json(res, 201, { ...summary(x), events: [] });
    }
    if ((m = /^\/api\/members\/(\d+)(?:\/(\w+))?$/.exec(p))) {
      const x = s.members.find((y) => y.id === Number(m[1]));
      if (!x || !inScope(x.org_id)) return notFound();
      if (req.method === 'GET') {
        return json(res, 200, { ...summary(x), ...Object.fromEntries(['ethnicity', 'religion', 'hometown', 'education', 'professional_level', 'theory_level', 'admission_decision_date', 'ceremony_date', 'official_date', 'party_card_no'].map((k) => [k, x[k]])),
          national_id: user.role === 'viewer' ? x.national_id.slice(0, 4) + '******' + x.national_id.slice(-2) : x.national_id,
          events: x.events.map((e) => ({ ...e, org: { id: e.org_id, name: byId.get(e.org_id).name } })) });
      }
      const date = body.date ?? body.decision_date;
      if (m[2] === 'official') { if (x.status !== 'probationary') return err(res, 409, 'rule', 'Không phải đảng viên dự bị', ''); x.status = 'official'; x.official_date = date; }
      else if (m[2] === 'transfer') { if (!inScope(body.to_org_id)) return err(res, 404, 'not_found', 'Không tìm thấy tổ chức', 'to_org_id'); x.org_id = body.to_org_id; }
      else if (m[2] === 'exit') x.status = 'removed';
      else if (m[2] === 'exempt') x.exempt = !body.end;
      x.events.push({ id: s.nextEvent++, date, kind: m[2], decision_no: body.decision_no, detail: body.reason ?? body.kind ?? '', org_id: x.org_id });
      persist();
      return json(res, 200, summary(x));
    }
    if ((m = /^\/api\/reports\/structure(\.csv|\.xlsx)?$/.exec(p))) {
      const root = url.searchParams.get('org') ? Number(url.searchParams.get('org')) : user.scope_id;
      if (!inScope(root)) return notFound();
      const o = byId.get(root), c = counts(o), ids = subtreeIds(root);
      const ms = s.members.filter((x) => ids.has(x.org_id) && active(x));
      const group = (f, lab) => { const g = new Map(); ms.forEach((x) => g.set(f(x), (g.get(f(x)) ?? 0) + 1)); return [...g].map(([key, count]) => ({ key, label: lab ? lab(key) : key, count })); };
      const bands = ['18-30', '31-40', '41-50', '51-60', '61+'];
      const band = (x) => { const a = age(x.birth_date); return a <= 30 ? 0 : a <= 40 ? 1 : a <= 50 ? 2 : a <= 60 ? 3 : 4; };
      const age_band = bands.map((b, i) => { const xs = ms.filter((x) => band(x) === i); return { key: b, label: b, count: xs.length, by_gender: { nam: xs.filter((x) => x.gender === 'nam').length, nu: xs.filter((x) => x.gender === 'nu').length } }; });
      if (m[1]) { res.writeHead(200, { 'Content-Type': m[1] === '.csv' ? 'text/csv' : 'application/octet-stream', 'Content-Disposition': `attachment; filename="bao-cao${m[1]}"` }); return res.end(`chi_tieu,so_luong\nmembers,${c.members}\n`); }
      const cmp = url.searchParams.get('compare');
      return json(res, 200, {
        sentence: `${o.name} có ${c.children} tổ chức trực thuộc, ${c.base_orgs} tổ chức cơ sở đảng, ${c.branches} chi bộ với ${c.members.toLocaleString('de-DE')} đảng viên (${c.official} chính thức, ${c.probationary} dự bị).`,
        counts: c, as_of: url.searchParams.get('as_of') || new Date().toISOString().slice(0, 10),
        breakdowns: { children: kids(root).map((k) => ({ key: k.code, label: k.name, count: counts(k).members })), gender: group((x) => x.gender, (k) => (k === 'nam' ? 'Nam' : 'Nữ')), age_band,
          theory_level: group((x) => x.theory_level), base_type: group((x) => byId.get(byId.get(x.org_id).parent_id).base_type ?? 'khac'), status: group((x) => x.status) },
        compare: cmp ? { as_of: cmp, counts: Object.fromEntries(Object.entries(c).map(([k, v]) => [k, Math.max(0, v - 3)])) } : null,
      });
    }
    if (p === '/api/import/members' && req.method === 'POST') {
      const lines = raw.toString('utf8').split(/\r?\n/).filter(Boolean);
      const errors = [];
      lines.slice(1).forEach((l, i) => { const cols = l.split(','); if (!/^\d{4}-\d{2}-\d{2}$/.test(cols[2] ?? '')) errors.push({ line: i + 2, column: 'C', field: 'birth_date', message: 'Ngày sinh không hợp lệ' }); });
      return json(res, 200, { ok: errors.length === 0, rows: lines.length - 1, errors });
    }
    if (p === '/api/export/members') { res.writeHead(200, { 'Content-Type': 'text/csv' }); return res.end('ho_ten\n'); }
    return notFound();
  }).listen(Number(port), host, () => console.log(`tcxd-mock listening on http://${host}:${port}/`));
}

if (argv[0] === 'demo') demo();
else if (argv[0] === 'user' && argv[1] === 'add') userAdd();
else if (argv[0] === 'serve') serve();
else { console.error('tcxd-mock: demo | user add | serve'); process.exit(2); }
