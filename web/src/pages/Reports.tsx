import { useState } from 'preact/hooks';
import { api, withQuery, type BreakdownItem, type Counts, type OrgRef } from '../api';
import { breakdownNames, genderSplit, itemLabel } from '../report';
import { BarChart } from '../components/Chart';
import { OrgPicker } from '../components/OrgPicker';
import { DateField, ErrorBox, Loading, useAsync } from '../components/ui';
import { formatDate, formatDelta, formatNumber, formatPercent, parseDate, todayIso } from '../format';
import { getLang, label, t, type MessageKey } from '../i18n';
import { navigate } from '../router';

function BreakdownTable({ name, items }: { name: string; items: BreakdownItem[] }) {
  const lang = getLang();
  const total = items.reduce((s, i) => s + (i.count ?? 0), 0);
  const title = label('breakdown', name);
  const id = `bd-${name}`;
  return (
    <section class="card breakdown" aria-labelledby={id} data-breakdown={name}>
      <h3 id={id}>{title}</h3>
      <div class="table-wrap">
        <table>
          <thead><tr><th scope="col">{t('report.item')}</th><th scope="col" class="num">{t('col.count')}</th><th scope="col" class="num">{t('col.percent')}</th></tr></thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.key}>
                <td>{itemLabel(name, i)}</td>
                <td class="num">{formatNumber(i.count, lang)}</td>
                <td class="num">{formatPercent(i.count, total, lang)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot><tr><th scope="row">{t('report.total')}</th><td class="num">{formatNumber(total, lang)}</td><td class="num">{total ? formatPercent(1, 1, lang) : '—'}</td></tr></tfoot>
        </table>
      </div>
    </section>
  );
}

function CountsTable({ counts, compare }: { counts: Counts; compare?: { as_of: string; counts: Counts } | null; asOf: string }) {
  const lang = getLang();
  const keys = Object.keys(counts);
  return (
    <div class="table-wrap">
      <table data-testid="report-counts">
        <thead>
          <tr>
            <th scope="col">{t('report.item')}</th>
            {compare && <th scope="col" class="num">{t('report.then', { d: formatDate(compare.as_of) })}</th>}
            <th scope="col" class="num">{t('col.count')}</th>
            {compare && <th scope="col" class="num">{t('report.delta')}</th>}
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k} data-count={k}>
              <th scope="row">{label('count', k)}</th>
              {compare && <td class="num">{formatNumber(compare.counts[k] ?? 0, lang)}</td>}
              <td class="num" data-value={counts[k] ?? 0}>{formatNumber(counts[k] ?? 0, lang)}</td>
              {compare && <td class="num">{formatDelta((counts[k] ?? 0) - (compare.counts[k] ?? 0), lang)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ReportsPage({ query }: { query: URLSearchParams }) {
  const orgParam = query.get('org') ?? '';
  const asOf = query.get('as_of') ?? '';
  const compare = query.get('compare') ?? '';
  const root = useAsync(() => (orgParam ? api.org(Number(orgParam)) : api.rootOrg()), [orgParam]);
  const rep = useAsync(() => api.structure({ org: orgParam || undefined, as_of: asOf || undefined, compare: compare || undefined }), [orgParam, asOf, compare]);
  const [org, setOrg] = useState<OrgRef | null>(null);
  const [asOfText, setAsOfText] = useState(asOf ? formatDate(asOf) : '');
  const [cmpText, setCmpText] = useState(compare ? formatDate(compare) : '');
  const [errs, setErrs] = useState<Record<string, MessageKey>>({});
  const lang = getLang();
  const shownOrg = org ?? (root.data ? { id: root.data.id, name: root.data.name } : null);

  const apply = (e: Event) => {
    e.preventDefault();
    const next: Record<string, MessageKey> = {};
    const a = asOfText.trim() ? parseDate(asOfText) : '';
    const c = cmpText.trim() ? parseDate(cmpText) : '';
    if (a === null) next.as_of = 'err.date';
    if (c === null) next.compare = 'err.date';
    setErrs(next);
    if (Object.keys(next).length) return;
    navigate(withQuery('/reports', { org: shownOrg?.id ?? orgParam, as_of: a, compare: c }));
  };
  const q = { org: orgParam || root.data?.id, as_of: asOf || undefined, compare: compare || undefined };
  const r = rep.data;
  const bd = r?.breakdowns ?? {};
  const ages = bd.age_band ?? [];
  const split = ages.map(genderSplit);
  const hasSplit = ages.length > 0 && split.every((s) => s !== null);
  return (
    <div class="report">
      <h1>{t('report.title')}{root.data ? ` — ${root.data.name}` : ''}</h1>
      <form class="filters card no-print" onSubmit={apply} noValidate>
        <OrgPicker key={shownOrg?.id ?? 0} id="report-org" label={t('report.org')} value={shownOrg} onChange={setOrg} />
        <DateField id="as_of" label={t('report.asOf')} value={asOfText} onInput={setAsOfText} error={errs.as_of && t(errs.as_of)} />
        <DateField id="compare" label={t('report.compare')} value={cmpText} onInput={setCmpText} error={errs.compare && t(errs.compare)} />
        <div class="field field-button"><button type="submit" class="primary">{t('report.show')}</button></div>
      </form>
      <div class="toolbar no-print">
        <button type="button" onClick={() => window.print()}>{t('report.print')}</button>
        <a class="button" href={withQuery('/api/reports/structure.csv', q)} download>{t('report.exportCsv')}</a>
        <a class="button" href={withQuery('/api/reports/structure.xlsx', q)} download>{t('report.exportXlsx')}</a>
        <a class="button" href={withQuery('/api/export/members', { org: q.org, as_of: q.as_of, format: 'csv' })} download>{t('report.exportMembersCsv')}</a>
        <a class="button" href={withQuery('/api/export/members', { org: q.org, as_of: q.as_of, format: 'xlsx' })} download>{t('report.exportMembersXlsx')}</a>
      </div>
      {rep.error ? <ErrorBox error={rep.error} onRetry={rep.reload} /> : !r ? <Loading /> : (
        <>
          <p class="print-only">{t('report.asOf')}: {formatDate(asOf || r.as_of || todayIso())}</p>
          <p class="sentence" data-testid="sentence">{r.sentence}</p>
          <section aria-labelledby="rep-counts" class="card">
            <h2 id="rep-counts">{compare && r.compare ? t('report.change', { d: formatDate(r.compare.as_of) }) : t('report.counts')}</h2>
            <CountsTable counts={r.counts} compare={r.compare} asOf={asOf} />
          </section>
          <div class="charts">
            {ages.length > 0 && (
              <BarChart title={t('report.ageGender')} labels={ages.map((a) => a.label || a.key)} stacked
                series={hasSplit
                  ? [{ label: label('gender', 'nam'), data: split.map((s) => s!.nam) }, { label: label('gender', 'nu'), data: split.map((s) => s!.nu) }]
                  : [{ label: t('col.count'), data: ages.map((a) => a.count) }]} />
            )}
            {(bd.theory_level ?? []).length > 0 && (
              <BarChart title={t('report.theory')} labels={bd.theory_level.map((a) => itemLabel('theory_level', a))}
                series={[{ label: t('col.count'), data: bd.theory_level.map((a) => a.count) }]} />
            )}
            {(bd.base_type ?? []).length > 0 && (
              <BarChart title={t('report.baseType')} horizontal labels={bd.base_type.map((a) => itemLabel('base_type', a))}
                series={[{ label: t('col.count'), data: bd.base_type.map((a) => a.count) }]} />
            )}
            {r.compare && (
              <BarChart title={t('report.changeChart')} labels={Object.keys(r.counts).map((k) => label('count', k))}
                series={[
                  { label: formatDate(r.compare.as_of), data: Object.keys(r.counts).map((k) => r.compare!.counts[k] ?? 0) },
                  { label: formatDate(asOf || r.as_of || todayIso()), data: Object.keys(r.counts).map((k) => r.counts[k] ?? 0) },
                ]} />
            )}
          </div>
          {hasSplit && (
            <section class="card breakdown" aria-labelledby="bd-age-gender">
              <h3 id="bd-age-gender">{t('report.ageGender')}</h3>
              <div class="table-wrap">
                <table>
                  <thead><tr><th scope="col">{t('report.item')}</th><th scope="col" class="num">{label('gender', 'nam')}</th><th scope="col" class="num">{label('gender', 'nu')}</th><th scope="col" class="num">{t('report.total')}</th></tr></thead>
                  <tbody>
                    {ages.map((a, i) => (
                      <tr key={a.key}><td>{a.label || a.key}</td><td class="num">{formatNumber(split[i]!.nam, lang)}</td><td class="num">{formatNumber(split[i]!.nu, lang)}</td><td class="num">{formatNumber(a.count, lang)}</td></tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          )}
          <div class="breakdowns">
            {breakdownNames(bd).map((k) => <BreakdownTable key={k} name={k} items={bd[k]} />)}
          </div>
        </>
      )}
    </div>
  );
}
