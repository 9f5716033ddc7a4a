import { useState } from 'preact/hooks';
import { api, withQuery, type FormResult, type FormValue, type OrgRef } from '../api';
import { OrgPicker } from '../components/OrgPicker';
import { DateField, ErrorBox, Loading, useAsync } from '../components/ui';
import { formatNumber, parseDate, formatDate } from '../format';
import { getLang, t, type MessageKey } from '../i18n';
import { navigate } from '../router';

const KINDS = ['year', 'h1', 'h2', 'q1', 'q2', 'q3', 'q4', 'free'] as const;
type Kind = (typeof KINDS)[number];

/** "2021", "2021-h1", "2021-q3", "2021-01-01..2021-06-15" from the picker's fields. */
export function periodKey(kind: Kind, year: string, from: string, to: string): string | null {
  if (kind === 'free') return from && to ? `${from}..${to}` : null;
  if (!/^\d{4}$/.test(year)) return null;
  return kind === 'year' ? year : `${year}-${kind}`;
}

/** The parts of a period key back (for the fields shown after a reload). */
function splitPeriod(p: string): { kind: Kind; year: string; from: string; to: string } {
  const free = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(p);
  if (free) return { kind: 'free', year: free[1].slice(0, 4), from: free[1], to: free[2] };
  const m = /^(\d{4})(?:-(h1|h2|q1|q2|q3|q4))?$/.exec(p);
  if (m) return { kind: (m[2] as Kind) ?? 'year', year: m[1], from: '', to: '' };
  return { kind: 'year', year: String(new Date().getFullYear() - 1), from: '', to: '' };
}

/** A cell as printed: counts as "5.030", the % column and means with one decimal ("107,3"). */
function cell(v: FormValue, percent: boolean): string {
  if (v === null || v === undefined) return '';
  if (v === 'not_kept') return t('forms.notKept');
  return formatNumber(v, getLang(), percent || !Number.isInteger(v) ? 1 : 0);
}

/** A wide grid's two header rows: a group over its columns ("Lãnh đạo cấp ủy" over Bí thư |
 *  Phó bí thư), the other columns over both rows. */
function GroupedHead({ f }: { f: FormResult }) {
  const top = [], sub = [];
  for (let i = 0; i < f.columns.length; i++) {
    const c = f.columns[i];
    if (!c.group) {
      top.push(<th scope="col" class="num" rowSpan={2} key={c.number}>{c.label}</th>);
      continue;
    }
    let n = 1;
    while (i + n < f.columns.length && f.columns[i + n].group === c.group) n++;
    top.push(<th scope="colgroup" class="form-group" colSpan={n} key={`g${c.number}`}>{c.group}</th>);
    for (let k = 0; k < n; k++) sub.push(<th scope="col" class="num" key={f.columns[i + k].number}>{f.columns[i + k].label}</th>);
    i += n - 1;
  }
  return (
    <>
      <tr><th scope="col" rowSpan={2}>{f.item_header}</th>{top}</tr>
      <tr>{sub}</tr>
    </>
  );
}

/** The form as on paper: the issuing board and the form number, the title and period, the
 *  numbered columns, the rows, the notes, the checks and the signature block. */
function FormSheet({ f }: { f: FormResult }) {
  const pctCol = f.columns.length === 3 && f.columns[2].number.startsWith('4') ? 2 : -1;
  return (
    <section class="card form-sheet" data-testid="form-sheet" data-form={f.form}>
      <header class="form-head">
        <div class="form-issuer"><div data-testid="form-issuer">{f.issuer}</div><div><strong>BAN TỔ CHỨC</strong></div></div>
        <div class="form-number"><strong data-testid="form-number">Biểu số {f.number}</strong></div>
      </header>
      <h2 class="form-title">THỐNG KÊ<br />{f.title}{f.subtitle && <><br /><small>{f.subtitle}</small></>}</h2>
      <p class="form-period" data-testid="form-period">{f.period.label.toUpperCase()}
        <small> ({formatDate(f.period.from)} – {formatDate(f.period.to)})</small></p>
      <div class="table-wrap">
        <table data-testid="form-table">
          <thead>
            {f.columns.some((c) => c.group) ? <GroupedHead f={f} /> : (
              <tr><th scope="col">{f.item_header}</th>{f.columns.map((c) => <th scope="col" class="num" key={c.number}>{c.label}</th>)}</tr>
            )}
            <tr class="form-numbers"><th scope="col">1</th>{f.columns.map((c) => <th scope="col" class="num" key={c.number}>{c.number}</th>)}</tr>
          </thead>
          <tbody>
            {f.rows.map((r) => (
              <tr key={r.key} data-row={r.key} class={r.level === 0 ? 'form-row-top' : undefined} title={r.note}>
                <th scope="row" style={{ paddingLeft: `${0.5 + r.level * 1.2}em` }}>{r.label}</th>
                {r.values.map((v, i) => (
                  <td key={i} class={v === 'not_kept' ? 'num not-kept' : 'num'} data-col={i} data-value={typeof v === 'number' ? v : v ?? ''}>
                    {cell(v, i === pctCol)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {f.notes.length > 0 && (
        <section class="form-notes"><h3>{t('forms.notes')}</h3><ul>{f.notes.map((n, i) => <li key={i}>{n}</li>)}</ul></section>
      )}
      <section class="form-checks no-print" data-testid="form-checks">
        <h3>{t('forms.checks')}</h3>
        <ul>
          {f.checks.map((c, i) => (
            <li key={i} data-ok={c.ok ? '1' : '0'} class={c.ok ? 'check-ok' : 'check-bad'}>
              <strong>[{c.ok ? t('forms.checkOk') : t('forms.checkBad')}]</strong> {c.name}: {c.detail}
            </li>
          ))}
        </ul>
      </section>
      <footer class="form-sign">
        <div><strong>{t('forms.preparer')}</strong><br /><em>{t('forms.preparerHint')}</em></div>
        <div><em>………, ngày … tháng … năm 20…</em><br /><strong>{t('forms.head')}</strong><br /><em>{t('forms.headHint')}</em></div>
      </footer>
    </section>
  );
}

export function FormsPage({ query }: { query: URLSearchParams }) {
  const formParam = query.get('form') ?? '';
  const orgParam = query.get('org') ?? '';
  const periodParam = query.get('period') ?? '';
  const children = query.get('children') === '1';
  const defs = useAsync(() => api.forms(), []);
  const root = useAsync(() => (orgParam ? api.org(Number(orgParam)) : api.rootOrg()), [orgParam]);
  const filled = useAsync(
    () => (formParam && periodParam ? api.formFill({ form: formParam, org: orgParam || undefined, period: periodParam, children: children ? 1 : undefined }) : Promise.resolve(null)),
    [formParam, orgParam, periodParam, children]);
  const flows = useAsync(
    () => (formParam === '1' && periodParam ? api.formFlows({ org: orgParam || undefined, period: periodParam }) : Promise.resolve(null)),
    [formParam, orgParam, periodParam]);
  const init = splitPeriod(periodParam);
  const [form, setForm] = useState(formParam || '1');
  const [org, setOrg] = useState<OrgRef | null>(null);
  const [kind, setKind] = useState<Kind>(init.kind);
  const [year, setYear] = useState(init.year);
  const [fromText, setFromText] = useState(init.from ? formatDate(init.from) : '');
  const [toText, setToText] = useState(init.to ? formatDate(init.to) : '');
  const [withChildren, setWithChildren] = useState(children);
  const [errs, setErrs] = useState<Record<string, MessageKey>>({});
  const shownOrg = org ?? (root.data ? { id: root.data.id, name: root.data.name } : null);

  const apply = (e: Event) => {
    e.preventDefault();
    const next: Record<string, MessageKey> = {};
    const a = kind === 'free' ? parseDate(fromText) : '';
    const b = kind === 'free' ? parseDate(toText) : '';
    if (kind === 'free' && !a) next.from = 'err.date';
    if (kind === 'free' && !b) next.to = 'err.date';
    if (kind !== 'free' && !/^\d{4}$/.test(year.trim())) next.year = 'forms.errYear';
    setErrs(next);
    if (Object.keys(next).length) return;
    const p = periodKey(kind, year.trim(), a || '', b || '');
    navigate(withQuery('/forms', { form, org: shownOrg?.id ?? orgParam, period: p, children: withChildren ? 1 : undefined }));
  };
  const q = { form: formParam, org: orgParam || root.data?.id, period: periodParam };
  return (
    <div class="report forms-page">
      <h1 class="no-print">{t('forms.title')}{root.data ? ` — ${root.data.name}` : ''}</h1>
      <form class="filters card no-print" onSubmit={apply} noValidate data-testid="forms-filters">
        <div class="field">
          <label for="forms-form">{t('forms.form')}</label>
          <select id="forms-form" value={form} onChange={(e) => setForm((e.target as HTMLSelectElement).value)}>
            {(defs.data?.forms ?? []).filter((d, i, all) => all.findIndex((x) => x.form === d.form) === i).map((d) => <option key={d.form} value={d.form}>{d.number} — {d.title}{d.subtitle ? ` (${d.subtitle})` : ''}</option>)}
          </select>
        </div>
        <OrgPicker key={shownOrg?.id ?? 0} id="forms-org" label={t('forms.org')} value={shownOrg} onChange={setOrg} />
        <div class="field">
          <label for="forms-kind">{t('forms.periodKind')}</label>
          <select id="forms-kind" value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as Kind)}>
            {KINDS.map((k) => <option key={k} value={k}>{t(`forms.kind.${k}` as MessageKey)}</option>)}
          </select>
        </div>
        {kind === 'free' ? (
          <>
            <DateField id="forms-from" label={t('forms.from')} value={fromText} onInput={setFromText} error={errs.from && t(errs.from)} />
            <DateField id="forms-to" label={t('forms.to')} value={toText} onInput={setToText} error={errs.to && t(errs.to)} />
          </>
        ) : (
          <div class="field">
            <label for="forms-year">{t('forms.year')}</label>
            <input id="forms-year" inputMode="numeric" value={year} onInput={(e) => setYear((e.target as HTMLInputElement).value)}
              aria-invalid={errs.year ? 'true' : undefined} />
            {errs.year && <span class="error" role="alert">{t(errs.year)}</span>}
          </div>
        )}
        <div class="field field-check">
          <label><input id="forms-children" type="checkbox" checked={withChildren} onChange={(e) => setWithChildren((e.target as HTMLInputElement).checked)} /> {t('forms.children')}</label>
        </div>
        <div class="field field-button"><button type="submit" class="primary" data-testid="forms-show">{t('forms.show')}</button></div>
      </form>
      {formParam && periodParam && (
        <div class="toolbar no-print" data-testid="forms-export">
          <a class="button" href={withQuery('/api/forms/fill.csv', q)} download>{t('forms.exportCsv')}</a>
          <a class="button" href={withQuery('/api/forms/fill.xlsx', q)} download data-testid="export-xlsx">{t('forms.exportXlsx')}</a>
          <a class="button" href={withQuery('/api/forms/fill.pdf', q)} download data-testid="export-pdf">{t('forms.exportPdf')}</a>
        </div>
      )}
      {!formParam || !periodParam ? <p>{t('forms.pick')}</p>
        : filled.error ? <ErrorBox error={filled.error} onRetry={filled.reload} />
        : !filled.data ? <Loading />
        : (
          <>
            {flows.data && <p class="sentence" data-testid="forms-sentence">{flows.data.sentence}</p>}
            <FormSheet f={filled.data} />
          </>
        )}
    </div>
  );
}
