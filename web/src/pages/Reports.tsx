import { useState } from 'preact/hooks';
import { api, withQuery, type BreakdownItem, type ChildRow, type Counts, type OrgRef, type StructureReport } from '../api';
import { breakdownNames, genderSplit, itemLabel } from '../report';
import { BarChart } from '../components/Chart';
import { OrgPicker } from '../components/OrgPicker';
import { DateField, ErrorBox, Link, Loading, useAsync } from '../components/ui';
import { shortOrgName } from '../orgpath';
import { formatChange, formatDate, formatDateWords, formatNumber, formatPercent, parseDate, todayIso } from '../format';
import { getLang, label, t, type MessageKey } from '../i18n';
import { navigate } from '../router';
import { canEdit, useUser } from '../session';

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

const COUNT_ORDER = ['members', 'official', 'probationary', 'base_orgs', 'partial_committees', 'branches', 'children'];

/** The summary: one column per date (both labelled), and the change as "giảm 10 (5,2%)". The number
 *  of directly subordinate organizations is the children breakdown's length. */
function CountsTable({ counts, compare, asOf, direct }: {
  counts: Counts; compare?: StructureReport['compare']; asOf: string; direct: number | null;
}) {
  const lang = getLang();
  const keys = [...COUNT_ORDER.filter((k) => k in counts), ...Object.keys(counts).filter((k) => !COUNT_ORDER.includes(k))];
  return (
    <div class="table-wrap">
      <table data-testid="report-counts">
        <thead>
          <tr>
            <th scope="col">{t('report.item')}</th>
            {compare && <th scope="col" class="num" data-testid="col-then">{t('report.then', { d: formatDate(compare.as_of) })}</th>}
            <th scope="col" class="num" data-testid="col-now">{compare ? t('report.now', { d: formatDate(asOf) }) : t('col.count')}</th>
            {compare && <th scope="col" class="num">{t('report.delta')}</th>}
          </tr>
        </thead>
        <tbody>
          {direct !== null && !compare && (
            <tr data-count="direct">
              <th scope="row">{t('report.direct')}</th>
              <td class="num" data-value={direct}>{formatNumber(direct, lang)}</td>
            </tr>
          )}
          {keys.map((k) => {
            const now = counts[k] ?? 0;
            const then = compare?.counts[k] ?? 0;
            return (
              <tr key={k} data-count={k}>
                <th scope="row">{label('count', k)}</th>
                {compare && <td class="num" data-then={then}>{formatNumber(then, lang)}</td>}
                <td class="num" data-value={now}>{formatNumber(now, lang)}</td>
                {compare && <td class="num change" data-change={k}>{formatChange(then, now, lang)}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Each directly subordinate organization on both dates, with its change. */
function ChildrenCompare({ rows, compare, asOf }: { rows: ChildRow[]; compare: NonNullable<StructureReport['compare']>; asOf: string }) {
  const lang = getLang();
  return (
    <section class="card" aria-labelledby="rep-children-cmp">
      <h2 id="rep-children-cmp">{t('report.childrenChange')}</h2>
      <div class="table-wrap">
        <table data-testid="children-compare">
          <thead>
            <tr>
              <th scope="col">{t('report.org')}</th>
              <th scope="col" class="num">{t('report.then', { d: formatDate(compare.as_of) })}</th>
              <th scope="col" class="num">{t('report.now', { d: formatDate(asOf) })}</th>
              <th scope="col" class="num">{t('report.delta')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => {
              const now = c.members ?? c.count ?? 0;
              const then = c.previous ? (c.previous.members ?? c.previous.count ?? 0) : 0;
              return (
                <tr key={c.key} data-child={c.org_id ?? c.key}>
                  <th scope="row">{c.org_id ? <Link href={`/orgs/${c.org_id}`}>{shortOrgName(c.label || c.key)}</Link> : c.label || c.key}</th>
                  <td class="num">{formatNumber(then, lang)}</td>
                  <td class="num">{formatNumber(now, lang)}</td>
                  <td class={now < then ? 'num change change-down' : now > then ? 'num change change-up' : 'num change'}>{formatChange(then, now, lang)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Where a document of this organization is dated: its place name ("Hà Nội", "Đống Đa"). */
function placeOf(name: string): string {
  return name.replace(/^(Đảng bộ|Chi bộ)\s+/iu, '').replace(/^(thành phố|tỉnh|quận|huyện|thị xã|phường|xã|thị trấn)\s+/iu, '');
}

/** The Party's document header (Hướng dẫn 36-HD/VPTW): the superior and issuing committees on the left,
 *  "ĐẢNG CỘNG SẢN VIỆT NAM" on the right, then the place and date. Print only. */
function PrintHeader({ org, parent, place, date }: { org: string; parent: string | null; place: string; date: string }) {
  return (
    <header class="print-only doc-header" data-testid="doc-header">
      <div class="doc-issuer">
        {parent && <div>{parent.toUpperCase()}</div>}
        <div class="doc-org"><strong>{org.toUpperCase()}</strong></div>
        <div>*</div>
        <div>{t('report.docNo')}</div>
      </div>
      <div class="doc-party">
        <div class="doc-party-name"><strong>ĐẢNG CỘNG SẢN VIỆT NAM</strong></div>
        <div class="doc-date"><em>{place}, {formatDateWords(date, getLang())}</em></div>
      </div>
    </header>
  );
}

function PrintSignature() {
  return (
    <footer class="print-only doc-signature" data-testid="doc-signature">
      <div class="doc-recipients">
        <div><strong><em>{t('report.recipients')}</em></strong></div>
        <div>- {t('report.recipientsUp')}</div>
        <div>- {t('report.recipientsFile')}</div>
      </div>
      <div class="doc-sign">
        <div><strong>{t('report.signFor')}</strong></div>
        <div><em>{t('report.signHint')}</em></div>
      </div>
    </footer>
  );
}

export function ReportsPage({ query }: { query: URLSearchParams }) {
  const user = useUser();
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
  const shownAsOf = asOf || r?.as_of || todayIso();
  return (
    <div class="report">
      <h1 class="no-print">{t('report.title')}{root.data ? ` — ${root.data.name}` : ''}</h1>
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
        {canEdit(user) && <>
          <a class="button" href={withQuery('/api/export/members', { org: q.org, as_of: q.as_of, format: 'csv' })} download data-testid="export-members">{t('report.exportMembersCsv')}</a>
          <a class="button" href={withQuery('/api/export/members', { org: q.org, as_of: q.as_of, format: 'xlsx' })} download>{t('report.exportMembersXlsx')}</a>
        </>}
      </div>
      {rep.error ? <ErrorBox error={rep.error} onRetry={rep.reload} /> : !r ? <Loading /> : (
        <>
          {root.data && <PrintHeader org={root.data.name} parent={root.data.path && root.data.path.length > 1 ? root.data.path[root.data.path.length - 2].name : null}
            place={placeOf((root.data.path && root.data.path[0]?.name) || root.data.name)} date={todayIso()} />}
          <h2 class="print-only doc-title">{t('report.docTitle')}</h2>
          <p class="as-of" data-testid="report-as-of">{t('report.asOfLine', { d: formatDate(shownAsOf) })}
            {r.compare && <> · {t('report.comparedWith', { d: formatDate(r.compare.as_of) })}</>}</p>
          <p class="sentence" data-testid="sentence">{r.sentence}</p>
          {r.compare?.change_sentence && <p class="sentence" data-testid="change-sentence">{r.compare.change_sentence}</p>}
          <section aria-labelledby="rep-counts" class="card">
            <h2 id="rep-counts">{compare && r.compare ? t('report.change', { d: formatDate(r.compare.as_of) }) : t('report.counts')}</h2>
            <CountsTable counts={r.counts} compare={r.compare} asOf={shownAsOf} direct={(bd.children ?? []).length} />
          </section>
          {r.compare && (bd.children ?? []).length > 0 && <ChildrenCompare rows={bd.children as ChildRow[]} compare={r.compare} asOf={shownAsOf} />}
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
            {r.compare && (['members', 'orgs'] as const).map((g) => {
              // one scale per chart: members in one, organizations (tens, hundreds) in the other
              const ks = (g === 'members' ? ['members', 'official', 'probationary'] : ['base_orgs', 'partial_committees', 'branches']).filter((k) => k in r.counts);
              return (
                <BarChart key={g} testid={`chart-change-${g}`} title={t(g === 'members' ? 'report.changeMembers' : 'report.changeOrgs')} labels={ks.map((k) => label('count', k))}
                  series={[
                    { label: formatDate(r.compare!.as_of), data: ks.map((k) => r.compare!.counts[k] ?? 0) },
                    { label: formatDate(shownAsOf), data: ks.map((k) => r.counts[k] ?? 0) },
                  ]} />
              );
            })}
            {(bd.children ?? []).length > 1 && (
              <BarChart testid="chart-children" title={t('report.childrenChart')} horizontal labels={bd.children.map((c) => shortOrgName(c.label || c.key, true))}
                series={r.compare
                  ? [{ label: formatDate(r.compare.as_of), data: (bd.children as ChildRow[]).map((c) => c.previous ? (c.previous.members ?? c.previous.count ?? 0) : 0) },
                    { label: formatDate(shownAsOf), data: (bd.children as ChildRow[]).map((c) => c.members ?? c.count ?? 0) }]
                  : [{ label: t('count.members'), data: (bd.children as ChildRow[]).map((c) => c.members ?? c.count ?? 0) }]} />
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
          <PrintSignature />
        </>
      )}
    </div>
  );
}
