// Starts a real `tcxd serve` on loopback over a small seeded database, and Debian's chromium through
// playwright-core (never a downloaded browser). Used by the *.test.mjs files in this folder.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(here, '..', '..');
export const WEB_DIST = resolve(process.env.WEB_DIST ?? join(REPO, 'web', 'dist'));
export const SHOTS = resolve(process.env.BUILD_DIR ?? join(REPO, 'build'), 'screenshots');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export const PASSWORDS = { admin: 'Quantri-e2e-2024', staff: 'Canbo-e2e-2024', viewer: 'Chixem-e2e-2024' };

function run(bin, args, input) {
  const r = spawnSync(bin, args, { input, encoding: 'utf8', timeout: 300_000 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); });
  });
}

/** Code of the tree's root organization, read from the database the demo just wrote. */
function rootCode(db) {
  const r = spawnSync('sqlite3', [db, 'SELECT code FROM org WHERE parent_id IS NULL ORDER BY id LIMIT 1;'], { encoding: 'utf8' });
  if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  throw new Error(`cannot read the root organization from ${db}: ${r.stderr}`);
}

export class Api {
  constructor(base) { this.base = base; this.cookie = ''; this.csrf = ''; }
  async call(method, path, body) {
    const headers = { Accept: 'application/json', 'Accept-Language': 'vi' };
    if (this.cookie) headers.Cookie = this.cookie;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && path !== '/api/login') headers['X-CSRF-Token'] = this.csrf;
    let res = await fetch(this.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    // A busy server answers a read 503 + Retry-After (its read cost limit, the engine's first build
    // on a loaded machine): the UI waits and asks again (web/src/api.ts), so do the tests, for a
    // minute at most. Writes are never repeated.
    for (const deadline = Date.now() + 60_000; method === 'GET' && res.status === 503 && Date.now() < deadline;) {
      const wait = Math.min(5, Number(res.headers.get('retry-after')) || 1) * 1000;
      await res.arrayBuffer();
      await new Promise((r) => setTimeout(r, wait));
      res = await fetch(this.base + path, { method, headers });
    }
    const set = res.headers.get('set-cookie');
    if (set) { const m = /tcxd_session=[^;]*/.exec(set); if (m) this.cookie = m[0]; }
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
  }
  async login(username, password) {
    const r = await this.call('POST', '/api/login', { username, password });
    if (r.status !== 200) throw new Error(`API login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
    this.csrf = r.body.csrf;
    return r.body;
  }
}

/** Starts the server over the small demo, or over a copy of an existing database (opts.copyOf:
 *  e.g. the Hà Nội demo; the copy is the test's, the original is never written). */
export async function startServer(opts = {}) {
  const bin = process.env.TCXD_BIN;
  if (!bin) throw new Error('TCXD_BIN is not set: the e2e tests need the real tcxd binary');
  if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error(`${WEB_DIST}/index.html is missing: run scripts/web.sh build`);
  const dir = mkdtempSync(join(tmpdir(), 'tcxd-e2e-'));
  const db = join(dir, 'e2e.db');
  if (opts.copyOf) run('cp', [opts.copyOf, db]);
  else run(bin, ['demo', '--profile', 'small', '--db', db]);
  const root = rootCode(db);
  run(bin, ['user', 'add', 'e2e-admin', '--role', 'admin', '--scope', root, '--password-stdin', '--db', db], PASSWORDS.admin + '\n');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log = [];
  const proc = spawn(bin, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--web-root', WEB_DIST], { stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout.on('data', (d) => log.push(String(d)));
  proc.stderr.on('data', (d) => log.push(String(d)));
  let exited = null;
  proc.on('exit', (code) => { exited = code; });
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (exited !== null) throw new Error(`tcxd serve exited with ${exited}:\n${log.join('')}`);
    try {
      const r = await fetch(base + '/api/me');
      if (r.status === 401 || r.status === 200) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`tcxd serve did not answer on ${base}:\n${log.join('')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const rootId = Number(spawnSync('sqlite3', [db, 'SELECT id FROM org WHERE parent_id IS NULL ORDER BY id LIMIT 1;'], { encoding: 'utf8' }).stdout.trim());
  return {
    bin, db, dir, base, log, root, rootId,
    /** Adds a user while the server runs (the CLI writes the same database). */
    addUser(name, role, scopeCode) {
      run(bin, ['user', 'add', name, '--role', role, '--scope', scopeCode, '--password-stdin', '--db', db], PASSWORDS[role] + '\n');
    },
    async stop() {
      if (exited === null) {
        proc.kill('SIGTERM');
        await new Promise((r) => { const t = setTimeout(() => { proc.kill('SIGKILL'); r(); }, 5000); proc.once('exit', () => { clearTimeout(t); r(); }); });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'tcxd-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    chromiumSandbox: false,
    viewport: { width: 1366, height: 768 },
    acceptDownloads: false,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  mkdirSync(SHOTS, { recursive: true });
  return {
    context,
    async close() { await context.close(); rmSync(profile, { recursive: true, force: true }); },
  };
}

/** Full-page screenshots of the current page at desktop (1366×768) and phone (390 px) widths. */
/** Logs in through the login page with the keyboard and waits for the signed-in header. */
export async function loginPage(page, base, username, password) {
  await page.goto(base + '/');
  await page.locator('#username').waitFor();
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.keyboard.press('Enter');
  await page.locator('[data-testid=who]').waitFor();
}

export async function shoot(page, name) {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: join(SHOTS, `${name}-1366.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(150);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await page.screenshot({ path: join(SHOTS, `${name}-390.png`), fullPage: true });
  await page.setViewportSize({ width: 1366, height: 768 });
  return overflow;
}
