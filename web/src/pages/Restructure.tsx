import { useState } from 'preact/hooks';
import { api, withQuery, type MergerList, type PlanResult, type StructureCounts } from '../api';
import { ConfirmDialog, DateField, ErrorBox, TextField, errorText } from '../components/ui';
import { formatDate, formatNumber, parseDate, todayIso } from '../format';
import { getLang, label, t } from '../i18n';
import { importContentType } from '../validate';

/** Changes shown in the table; the rest are counted (the Hà Nội plan makes thousands). */
const CHANGES_SHOWN = 300;

/** The day before an ISO date, as ISO. */
function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

const ROWS: [string, (c: StructureCounts) => number][] = [
  ['rs.row.direct', (c) => c.direct_above_base],
  ['rs.row.above', (c) => c.above_base],
  ['rs.row.base', (c) => c.base_dang_bo + c.base_chi_bo],
  ['rs.row.partial', (c) => c.partial],
  ['rs.row.branches', (c) => c.branches],
  ['rs.row.members', (c) => c.members],
];

/** What the check (or the application) answered: the figures of both days, the issues, the changes. */
function PlanReport({ r }: { r: PlanResult }) {
  const lang = getLang();
  const errors = r.issues.filter((x) => x.severity === 'error').length;
  return (
    <section aria-labelledby="rs-report" data-testid="rs-report" data-ok={r.ok ? '1' : '0'}>
      <h2 id="rs-report" class={r.ok ? 'ok-text' : 'bad-text'}>
        {r.ok ? t('rs.ok') : t('rs.bad', { n: formatNumber(errors, lang) })}
      </h2>
      {r.date && (
        <p data-testid="rs-summary">{t('rs.summary', {
          d: formatDate(r.date), c: formatNumber(r.created, lang), e: formatNumber(r.ended, lang),
          m: formatNumber(r.moved, lang), r: formatNumber(r.retiered, lang), p: formatNumber(r.members_moved, lang),
        })}</p>
      )}
      {r.date && (
        <div class="table-wrap">
          <table data-testid="rs-figures">
            <caption>{t('rs.figures')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('rs.item')}</th>
                <th scope="col" class="num">{t('rs.before', { d: formatDate(dayBefore(r.date)) })}</th>
                <th scope="col" class="num">{t('rs.after', { d: formatDate(r.date) })}</th>
              </tr>
            </thead>
            <tbody>
              {ROWS.map(([key, get]) => (
                <tr key={key} data-row={key.slice(7)}>
                  <th scope="row">{t(key as 'rs.row.direct')}</th>
                  <td class="num" data-col="before" data-value={get(r.before)}>{formatNumber(get(r.before), lang)}</td>
                  <td class="num" data-col="after" data-value={get(r.after)}>{formatNumber(get(r.after), lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {r.issues.length > 0 && (
        <div class="table-wrap">
          <table data-testid="rs-issues">
            <caption>{t('rs.issues')}</caption>
            <thead><tr><th scope="col" class="num">{t('rs.line')}</th><th scope="col">{t('rs.field')}</th><th scope="col">{t('rs.severity')}</th><th scope="col">{t('rs.message')}</th></tr></thead>
            <tbody>
              {r.issues.map((x, i) => (
                <tr key={i} data-severity={x.severity}>
                  <td class="num">{x.line || ''}</td><td>{x.field}</td><td>{label('rs.sev', x.severity)}</td><td>{x.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {r.changes.length > 0 && (
        <div class="table-wrap">
          <table data-testid="rs-changes">
            <caption>{t('rs.changes', { n: formatNumber(r.changes.length, lang) })}</caption>
            <thead><tr><th scope="col">{t('rs.action')}</th><th scope="col">{t('rs.code')}</th><th scope="col">{t('rs.name')}</th><th scope="col">{t('rs.detail')}</th></tr></thead>
            <tbody>
              {r.changes.slice(0, CHANGES_SHOWN).map((c, i) => (
                <tr key={i} data-action={c.action}><td>{label('rs.act', c.action)}</td><td>{c.code}</td><td>{c.name}</td><td>{c.detail}</td></tr>
              ))}
            </tbody>
          </table>
          {r.changes.length > CHANGES_SHOWN && <p>{t('rs.more', { n: formatNumber(r.changes.length - CHANGES_SHOWN, lang) })}</p>}
        </div>
      )}
    </section>
  );
}

function PlanSection() {
  const [file, setFile] = useState<File | null>(null);
  const [fileErr, setFileErr] = useState('');
  const [result, setResult] = useState<PlanResult | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [applied, setApplied] = useState('');
  const [inputKey, setInputKey] = useState(0);

  const send = async (apply: boolean) => {
    if (!file) return;
    setBusy(true);
    setError('');
    try {
      const r = await api.restructurePlan(await file.arrayBuffer(), importContentType(file.name)!, apply);
      if (apply && r.applied) { setApplied(r.date); setFile(null); setInputKey((k) => k + 1); }
      setResult(r);
    } catch (e) {
      setError(errorText(e));
      setResult(null);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  const check = (e: Event) => {
    e.preventDefault();
    setApplied('');
    setResult(null);
    if (!file) { setFileErr(t('import.noFile')); return; }
    if (!importContentType(file.name)) { setFileErr(t('import.badType')); return; }
    setFileErr('');
    void send(false);
  };
  return (
    <section class="card" aria-labelledby="rs-plan">
      <h2 id="rs-plan">{t('rs.plan')}</h2>
      <form class="form" onSubmit={check} noValidate>
        <div class={fileErr ? 'field field-invalid' : 'field'}>
          <label for="rs-file">{t('rs.file')}</label>
          <input key={inputKey} id="rs-file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-invalid={fileErr ? 'true' : undefined} aria-describedby={fileErr ? 'rs-file-error' : undefined}
            onChange={(e) => { setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null); setResult(null); }} />
          {fileErr && <p class="field-error" id="rs-file-error">{fileErr}</p>}
        </div>
        <div class="actions">
          <button type="submit" class="primary" disabled={busy} data-testid="rs-check">{t('rs.check')}</button>
        </div>
      </form>
      {error && <p class="notice notice-error" role="alert">{error}</p>}
      {applied && <p class="notice notice-ok" role="status" data-testid="rs-applied">{t('rs.applied', { d: formatDate(applied) })}</p>}
      {result && <PlanReport r={result} />}
      {result && result.ok && !result.applied && (
        <div class="actions">
          <button type="button" class="primary" disabled={busy} onClick={() => setConfirming(true)} data-testid="rs-apply">{t('rs.apply')}</button>
        </div>
      )}
      <ConfirmDialog open={confirming} busy={busy} title={t('confirm.title')} message={t('confirm.irreversible')}
        onConfirm={() => void send(true)} onCancel={() => setConfirming(false)} />
    </section>
  );
}

/** Administrative units' area and population (POST /api/restructure/units), for the list below. */
function UnitsSection() {
  const lang = getLang();
  const [file, setFile] = useState<File | null>(null);
  const [fileErr, setFileErr] = useState('');
  const [source, setSource] = useState('');
  const [error, setError] = useState('');
  const [done, setDone] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [inputKey, setInputKey] = useState(0);

  const submit = async (e: Event) => {
    e.preventDefault();
    setDone(null);
    setError('');
    if (!file) { setFileErr(t('import.noFile')); return; }
    const type = importContentType(file.name);
    if (!type) { setFileErr(t('import.badType')); return; }
    setFileErr('');
    setBusy(true);
    try {
      const r = await api.importUnits(await file.arrayBuffer(), type, source.trim());
      setDone(r.units);
      setFile(null);
      setInputKey((k) => k + 1);
    } catch (x) {
      setError(errorText(x));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card" aria-labelledby="rs-units">
      <h2 id="rs-units">{t('rs.units')}</h2>
      <p class="hint">{t('rs.unitsHint')}</p>
      <form class="form" onSubmit={(e) => void submit(e)} noValidate>
        <div class={fileErr ? 'field field-invalid' : 'field'}>
          <label for="rs-units-file">{t('rs.unitsFile')}</label>
          <input key={inputKey} id="rs-units-file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-invalid={fileErr ? 'true' : undefined} aria-describedby={fileErr ? 'rs-units-file-error' : undefined}
            onChange={(e) => { setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null); setDone(null); }} />
          {fileErr && <p class="field-error" id="rs-units-file-error">{fileErr}</p>}
        </div>
        <TextField id="rs-units-source" label={t('rs.unitsSource')} value={source} onInput={setSource} />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy} data-testid="rs-units-import">{t('rs.unitsImport')}</button>
        </div>
      </form>
      {error && <p class="notice notice-error" role="alert" data-testid="rs-units-error">{error}</p>}
      {done != null && <p class="notice notice-ok" role="status" data-testid="rs-units-done" data-value={done}>{t('rs.unitsDone', { n: formatNumber(done, lang) })}</p>}
    </section>
  );
}

function MergerSection() {
  const lang = getLang();
  const [province, setProvince] = useState('01');
  const [date, setDate] = useState(formatDate(todayIso()));
  const [errs, setErrs] = useState<{ province?: string; date?: string }>({});
  const [list, setList] = useState<MergerList | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const show = async (e: Event) => {
    e.preventDefault();
    const iso = parseDate(date);
    const bad = { province: /^\d{1,3}$/.test(province.trim()) ? undefined : t('rs.badProvince'), date: iso ? undefined : t('rs.badDate') };
    setErrs(bad);
    if (bad.province || bad.date) return;
    setBusy(true);
    setError(null);
    try {
      setList(await api.merger({ province: province.trim(), date: iso }));
    } catch (x) {
      setError(x);
      setList(null);
    } finally {
      setBusy(false);
    }
  };
  const pct = (v: number) => formatNumber(v, lang, 1) + '%';
  return (
    <section class="card" aria-labelledby="rs-merger">
      <h2 id="rs-merger">{t('rs.merger')}</h2>
      <form class="form" onSubmit={(e) => void show(e)} noValidate>
        <TextField id="rs-province" label={t('rs.province')} value={province} onInput={setProvince} error={errs.province} inputMode="numeric" />
        <DateField id="rs-date" label={t('rs.date')} value={date} onInput={setDate} error={errs.date} />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy} data-testid="rs-show">{t('rs.show')}</button>
        </div>
      </form>
      {error != null && <ErrorBox error={error} />}
      {list && (
        <div data-testid="rs-merger-list">
          <p data-testid="rs-merger-summary">{t('rs.mergerSummary', {
            b: formatNumber(list.below, lang), n: formatNumber(list.units, lang), u: formatNumber(list.unknown, lang),
          })}</p>
          {list.list.length === 0 ? <p>{t('rs.none')}</p> : (
            <div class="table-wrap">
              <table data-testid="rs-merger-table">
                <thead>
                  <tr>
                    <th scope="col">{t('rs.code')}</th><th scope="col">{t('rs.name')}</th>
                    <th scope="col" class="num">{t('rs.area')}</th><th scope="col" class="num">%</th>
                    <th scope="col" class="num">{t('rs.population')}</th><th scope="col" class="num">%</th>
                    <th scope="col">{t('rs.standard')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.list.map((u) => (
                    <tr key={u.code} data-code={u.code}>
                      <td>{u.code}</td><td>{u.name}</td>
                      <td class="num">{formatNumber(u.area_km2, lang, 2)}</td><td class="num">{pct(u.area_pct)}</td>
                      <td class="num" data-value={u.population}>{formatNumber(u.population, lang)}</td><td class="num">{pct(u.population_pct)}</td>
                      <td>{u.standard}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {list.list.length > 0 && (
            <p><a href={withQuery('/api/restructure/merger/draft', { province: list.province_code, date: list.date })} download
              data-testid="rs-draft">{t('rs.draft')}</a></p>
          )}
        </div>
      )}
    </section>
  );
}

export function RestructurePage() {
  return (
    <div>
      <h1>{t('rs.title')}</h1>
      <p class="lead">{t('rs.intro')}</p>
      <PlanSection />
      <UnitsSection />
      <MergerSection />
    </div>
  );
}
