// Quality-review reports over a subtree: levels per year (counts, shares, the boards' sentences,
// change against the previous year, charts, lists per level), the leniency report (self vs
// verified), and weak organizations with their consolidation plans ("đã củng cố 7/39 (17,9%)").
import { useRef, useState } from 'preact/hooks';
import { ApiError, api, withQuery, type Org, type OrgRef, type ReviewGroupReport, type ReviewItem, type WeakOrg } from '../api';
import { BarChart } from '../components/Chart';
import { OrgPicker } from '../components/OrgPicker';
import { DateField, ErrorBox, Field, Link, Loading, SelectField, TextField, errorText, useAsync } from '../components/ui';
import { formatDate, formatNumber, formatPercentValue, todayIso } from '../format';
import { getLang, label, t } from '../i18n';
import { navigate, useLocation } from '../router';
import {
  WEAK_STATUSES, checkWeak, enumText, defaultReviewYear, formatPoints, formatPointsDelta, formatPp, itemsByLevel, levelCode,
  parsePoints, parseYear, problemText, reviewHref, type Problems,
} from '../review';
import { canEdit, useUser } from '../session';
import type { Values } from '../validate';
import { LevelBadge } from './Review';

function Tabs({ query }: { query: URLSearchParams }) {
  const { path } = useLocation();
  const org = query.get('org') ?? '';
  const year = query.get('year') ?? query.get('year_from') ?? '';
  const tabs: [string, string][] = [
    ['/reviews', t('review.tabLevels')],
    ['/reviews/leniency', t('review.tabLeniency')],
    ['/reviews/weak', t('review.tabWeak')],
  ];
  return (
    <nav class="tabs no-print" aria-label={t('review.reports')}>
      <ul>
        {tabs.map(([href, text]) => (
          <li key={href}>
            <Link href={withQuery(href, href === '/reviews/weak' ? { org, year_from: year } : { org, year })} aria-current={path === href ? 'page' : undefined}>{text}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Organization and year(s) chosen by the reports' filter form. */
function Filters(props: {
  path: string; org: Org | undefined; fields: { id: string; label: string; value: string; decimal?: boolean }[];
  check: (v: Record<string, string>) => FilterCheck;
}) {
  const [org, setOrg] = useState<OrgRef | null>(null);
  const [vals, setVals] = useState<Record<string, string>>(Object.fromEntries(props.fields.map((f) => [f.id, f.value])));
  const [errs, setErrs] = useState<Record<string, string>>({});
  const shown = org ?? (props.org ? { id: props.org.id, name: props.org.name } : null);
  const apply = (e: Event) => {
    e.preventDefault();
    const c = props.check(vals);
    setErrs(c.errors);
    if (Object.keys(c.errors).length) return;
    navigate(withQuery(props.path, { org: shown?.id, ...c.query }));
  };
  return (
    <form class="filters card no-print" onSubmit={apply} noValidate data-testid="review-filters">
      <div class="field-wide">
        <OrgPicker key={shown?.id ?? 0} id="review-org" label={t('report.org')} value={shown} onChange={setOrg} />
      </div>
      {props.fields.map((f) => (
        <div key={f.id} class="field-small">
          <TextField id={f.id} label={f.label} value={vals[f.id]} onInput={(v) => setVals((o) => ({ ...o, [f.id]: v }))} error={errs[f.id]} inputMode={f.decimal ? 'decimal' : 'numeric'} autoComplete="off" />
        </div>
      ))}
      <div class="field field-button"><button type="submit" class="primary">{t('report.show')}</button></div>
    </form>
  );
}

type FilterCheck = { errors: Record<string, string>; query: Record<string, string | number> };

function yearCheck(v: Record<string, string>): FilterCheck {
  const y = parseYear(v.year ?? '');
  return y === null ? { errors: { year: t('err.year') }, query: {} } : { errors: {}, query: { year: y } };
}

// ---- levels ----

function GroupReport({ g, year, items }: { g: ReviewGroupReport; year: number; items: ReviewItem[] }) {
  const lang = getLang();
  const hasPrev = g.levels.some((l) => l.prev_total > 0);
  const lists = itemsByLevel(items, g.group);
  const id = `grp-${g.group}`;
  return (
    <section class="card review-group" aria-labelledby={id} data-group={g.group}>
      <h2 id={id}>{label('reviewgroup', g.group)}
        <span class="muted"> — {t('review.decidedCount', { n: formatNumber(g.total, lang) })}{g.undecided > 0 && `, ${t('review.undecidedCount', { n: formatNumber(g.undecided, lang) })}`}</span>
      </h2>
      <ul class="sentences" data-testid="sentences" lang="vi">
        {g.levels.filter((l) => l.count > 0 || l.prev_count > 0).map((l) => <li key={l.level} data-level={l.level}>{l.sentence}</li>)}
      </ul>
      <div class="review-group-body">
        <div class="table-wrap">
          <table data-testid={`levels-${g.group}`}>
            <thead>
              <tr>
                <th scope="col">{t('review.level')}</th>
                <th scope="col" class="num">{t('col.count')}</th>
                <th scope="col" class="num">{t('col.percent')}</th>
                {hasPrev && <th scope="col" class="num">{t('review.prevYear', { y: year - 1 })}</th>}
                {hasPrev && <th scope="col" class="num">{t('review.changePp')}</th>}
              </tr>
            </thead>
            <tbody>
              {g.levels.map((l) => (
                <tr key={l.level} data-level={l.level}>
                  <th scope="row"><LevelBadge level={l.level} text={l.label} /></th>
                  <td class="num" data-value={l.count}>{formatNumber(l.count, lang)}</td>
                  <td class="num">{g.total ? formatPercentValue(l.share, lang) : '—'}</td>
                  {hasPrev && <td class="num">{formatNumber(l.prev_count, lang)} ({formatPercentValue(l.prev_share, lang)})</td>}
                  {hasPrev && <td class="num" data-change={l.change_pp ?? ''}>{formatPp(l.change_pp, lang)}</td>}
                </tr>
              ))}
            </tbody>
            <tfoot><tr><th scope="row">{t('report.total')}</th><td class="num">{formatNumber(g.total, lang)}</td><td class="num">{g.total ? formatPercentValue(100, lang) : '—'}</td>{hasPrev && <td class="num">{formatNumber(g.levels[0]?.prev_total ?? 0, lang)}</td>}{hasPrev && <td />}</tr></tfoot>
          </table>
        </div>
        {g.total > 0 && (
          <BarChart title={t(hasPrev ? 'review.chartShares' : 'review.chartSharesOnly', { y: year })} labels={g.levels.map((l) => levelCode(l.level))}
            series={hasPrev
              ? [{ label: String(year - 1), data: g.levels.map((l) => l.prev_share) }, { label: String(year), data: g.levels.map((l) => l.share) }]
              : [{ label: String(year), data: g.levels.map((l) => l.share) }]} />
        )}
      </div>
      {lists.length > 0 && (
        <details class="level-lists">
          <summary>{t('review.listsPerLevel')}</summary>
          {lists.map((x) => (
            <div key={x.level ?? 'none'} class="level-list">
              <h3>{x.level ? <LevelBadge level={x.level} /> : t('review.undecided')} <span class="muted">({formatNumber(x.items.length, lang)})</span></h3>
              <ul class="plain-list">
                {x.items.map((i) => <li key={i.review_id}><Link href={reviewHref(i, year)}>{i.name}</Link> <span class="muted">— {i.unit_name}</span></li>)}
              </ul>
            </div>
          ))}
        </details>
      )}
    </section>
  );
}

export function ReviewLevelsPage({ query }: { query: URLSearchParams }) {
  const orgParam = query.get('org') ?? '';
  const year = parseYear(query.get('year') ?? '') ?? defaultReviewYear();
  const rep = useAsync(() => api.reviewReport({ org: orgParam || undefined, year, items: true }), [orgParam, year]);
  const r = rep.data;
  const groups = (r?.groups ?? []).filter((g) => g.total > 0 || g.undecided > 0);
  return (
    <div class="report review-report">
      <h1>{t('review.levelsTitle', { y: year })}{r?.org ? ` — ${r.org.name}` : ''}</h1>
      <Tabs query={query} />
      <Filters key={`${orgParam}-${year}`} path="/reviews" org={r?.org} fields={[{ id: 'year', label: t('review.year'), value: String(year) }]} check={yearCheck} />
      {rep.error ? <ErrorBox error={rep.error} onRetry={rep.reload} /> : !r || rep.loading ? <Loading /> : groups.length === 0 ? (
        <p class="notice notice-warn" data-testid="no-results">{t('review.noResults', { y: year })}</p>
      ) : (
        <>
          <div class="toolbar no-print"><button type="button" onClick={() => window.print()}>{t('report.print')}</button></div>
          {groups.map((g) => <GroupReport key={g.group} g={g} year={year} items={r.items ?? []} />)}
        </>
      )}
    </div>
  );
}

// ---- leniency ----

export function ReviewLeniencyPage({ query }: { query: URLSearchParams }) {
  const lang = getLang();
  const orgParam = query.get('org') ?? '';
  const year = parseYear(query.get('year') ?? '') ?? defaultReviewYear();
  const thParam = query.get('threshold') ?? '';
  const threshold = parsePoints(thParam) !== null ? thParam : '5';
  const rep = useAsync(() => api.reviewLeniency({ org: orgParam || undefined, year, threshold }), [orgParam, year, threshold]);
  const r = rep.data;
  const check = (v: Record<string, string>) => {
    const c = yearCheck(v);
    const th = parsePoints(v.threshold ?? '');
    if (th === null) c.errors = { ...c.errors, threshold: t('err.points') };
    else c.query = { ...c.query, threshold: (v.threshold ?? '').trim().replace(',', '.') };
    return c;
  };
  const th = (parsePoints(threshold) ?? 500) / 100;
  return (
    <div class="report review-report">
      <h1>{t('review.leniencyTitle', { y: year })}{r?.org ? ` — ${r.org.name}` : ''}</h1>
      <Tabs query={query} />
      <Filters key={`${orgParam}-${year}-${threshold}`} path="/reviews/leniency" org={r?.org} check={check}
        fields={[{ id: 'year', label: t('review.year'), value: String(year) }, { id: 'threshold', label: t('review.threshold'), value: threshold.replace('.', lang === 'vi' ? ',' : '.'), decimal: true }]} />
      {rep.error ? <ErrorBox error={rep.error} onRetry={rep.reload} /> : !r || rep.loading ? <Loading /> : (
        <>
          <p class="sentence" data-testid="leniency-sentence">{t('review.leniencySentence', { n: formatNumber(r.subjects.length, lang), p: formatPoints(th, lang) })}</p>
          <section class="card" aria-labelledby="len-org">
            <h2 id="len-org">{t('review.byOrg')}</h2>
            {r.by_org.length === 0 ? <p>{t('review.nothingCompared')}</p> : (
              <div class="table-wrap">
                <table data-testid="leniency-orgs">
                  <thead><tr><th scope="col">{t('report.org')}</th><th scope="col" class="num">{t('review.compared')}</th><th scope="col" class="num">{t('review.lenient')}</th><th scope="col" class="num">{t('col.percent')}</th><th scope="col" class="num">{t('review.meanExcess')}</th></tr></thead>
                  <tbody>
                    {r.by_org.map((o) => (
                      <tr key={o.org_id}>
                        <td><Link href={withQuery('/reviews/leniency', { org: o.org_id, year, threshold })}>{o.name}</Link></td>
                        <td class="num">{formatNumber(o.compared, lang)}</td>
                        <td class="num" data-value={o.lenient}>{formatNumber(o.lenient, lang)}</td>
                        <td class="num">{formatPercentValue(o.share, lang)}</td>
                        <td class="num">{o.lenient ? formatPoints(o.mean_excess, lang) : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          {r.subjects.length > 0 && (
            <section class="card" aria-labelledby="len-subj">
              <h2 id="len-subj">{t('review.lenientSubjects')}</h2>
              <div class="table-wrap">
                <table data-testid="leniency-subjects">
                  <thead><tr><th scope="col">{t('review.subjectName')}</th><th scope="col" class="hide-narrow">{t('review.unit')}</th><th scope="col" class="num">{t('review.colSelf')}</th><th scope="col" class="num">{t('review.colVerify')}</th><th scope="col" class="num">{t('review.diff')}</th><th scope="col">{t('review.final')}</th></tr></thead>
                  <tbody>
                    {r.subjects.map((s) => (
                      <tr key={s.review_id}>
                        <td><Link href={reviewHref(s, year)}>{s.name}</Link></td>
                        <td class="hide-narrow">{s.unit_name}</td>
                        <td class="num">{formatPoints(s.self_total, lang)}</td>
                        <td class="num">{formatPoints(s.verified_total, lang)}</td>
                        <td class="num" data-value={s.difference}>{formatPointsDelta(s.difference ?? null, lang)}</td>
                        <td>{s.final_level ? <LevelBadge level={s.final_level} /> : <span class="muted">{t('review.undecided')}</span>}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          )}
          <section class="card" aria-labelledby="len-dist">
            <h2 id="len-dist">{t('review.distribution')}</h2>
            <div class="review-group-body">
              <div class="table-wrap">
                <table data-testid="leniency-distribution">
                  <thead><tr><th scope="col">{t('review.level')}</th><th scope="col" class="num">{t('review.colSelf')}</th><th scope="col" class="num">{t('review.colVerify')}</th><th scope="col" class="num">{t('review.colFinal')}</th></tr></thead>
                  <tbody>
                    {r.distribution.map((d) => (
                      <tr key={d.level} data-level={d.level}>
                        <th scope="row"><LevelBadge level={d.level} text={d.label} /></th>
                        <td class="num">{formatNumber(d.self, lang)}</td>
                        <td class="num">{formatNumber(d.verified, lang)}</td>
                        <td class="num">{formatNumber(d.final, lang)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <BarChart title={t('review.distributionChart')} labels={r.distribution.map((d) => levelCode(d.level))}
                series={[
                  { label: t('review.colSelf'), data: r.distribution.map((d) => d.self) },
                  { label: t('review.colVerify'), data: r.distribution.map((d) => d.verified) },
                  { label: t('review.colFinal'), data: r.distribution.map((d) => d.final) },
                ]} />
            </div>
          </section>
        </>
      )}
    </div>
  );
}

// ---- weak organizations ----

function WeakEditor({ entry, onDone, onCancel }: { entry: WeakOrg | null; onDone: (msg: string) => void; onCancel: () => void }) {
  const adding = entry === null;
  const [org, setOrg] = useState<OrgRef | null>(null);
  const [v, setV] = useState<Values>(entry ? {
    plan: entry.plan, responsible: entry.responsible, deadline: entry.deadline ? formatDate(entry.deadline) : '',
    status: entry.status, consolidated_on: entry.consolidated_on ? formatDate(entry.consolidated_on) : '',
  } : { year: String(defaultReviewYear()), status: 'open' });
  const [errors, setErrors] = useState<Problems>({});
  const [apiErr, setApiErr] = useState<{ field: string; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLFormElement>(null);
  const set = (k: string) => (x: string) => setV((o) => ({ ...o, [k]: x }));
  const fields = ['org_id', 'year', 'plan', 'responsible', 'deadline', 'status', 'consolidated_on'];
  const apiField = (f: string) => (f === 'org' ? 'org_id' : f);
  const err = (k: string) => problemText(errors[k]) ?? (apiErr && apiField(apiErr.field) === k ? apiErr.text : undefined);
  const general = apiErr && !fields.includes(apiField(apiErr.field)) ? apiErr.text : '';
  const submit = async (e: Event) => {
    e.preventDefault();
    setApiErr(null);
    const c = checkWeak({ ...v, org_id: org ? String(org.id) : '' }, { adding, today: todayIso() });
    setErrors(c.errors);
    if (Object.keys(c.errors).length) {
      setTimeout(() => ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
      return;
    }
    setBusy(true);
    try {
      const w = adding ? await api.weakAdd(c.payload) : await api.weakUpdate(entry!.id, c.payload);
      onDone(t(adding ? 'weak.added' : 'weak.saved', { name: w.name }));
    } catch (ex) {
      setApiErr({ field: ex instanceof ApiError ? ex.field : '', text: errorText(ex) });
      setTimeout(() => (ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? ref.current?.querySelector<HTMLElement>('.notice-error'))?.focus(), 0);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form ref={ref} class="card form weak-editor" onSubmit={submit} noValidate data-testid="weak-editor" aria-labelledby="weak-editor-h">
      <h2 id="weak-editor-h" tabIndex={-1}>{adding ? t('weak.addTitle') : t('weak.editTitle', { name: entry!.name, y: entry!.year })}</h2>
      <fieldset>
        {adding && (
          <>
            <OrgPicker id="org_id" label={t('report.org')} value={org} onChange={setOrg} required error={err('org_id')} />
            <TextField id="year" label={t('review.year')} value={v.year ?? ''} onInput={set('year')} error={err('year')} required inputMode="numeric" />
          </>
        )}
        <Field id="plan" label={t('weak.plan')} error={err('plan')}>
          {(aria) => <textarea {...aria} name="plan" rows={3} value={v.plan ?? ''} onInput={(e) => set('plan')((e.currentTarget as HTMLTextAreaElement).value)} />}
        </Field>
        <TextField id="responsible" label={t('weak.responsible')} value={v.responsible ?? ''} onInput={set('responsible')} error={err('responsible')} autoComplete="off" />
        <DateField id="deadline" label={t('weak.deadline')} value={v.deadline ?? ''} onInput={set('deadline')} error={err('deadline')} />
        <SelectField id="status" label={t('weak.status')} value={v.status ?? 'open'} onChange={set('status')} error={err('status')}
          options={WEAK_STATUSES.map((s) => [s, label('weakstatus', s)])} />
        {v.status === 'consolidated' && (
          <DateField id="consolidated_on" label={t('weak.consolidatedOn')} value={v.consolidated_on ?? ''} onInput={set('consolidated_on')} error={err('consolidated_on')} />
        )}
      </fieldset>
      {v.status === 'consolidated' && !v.consolidated_on && <p class="hint">{t('weak.consolidatedToday')}</p>}
      {general && <p class="notice notice-error" role="alert" tabIndex={-1}>{general}</p>}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy} data-testid="weak-save">{t('form.submit')}</button>
        <button type="button" onClick={onCancel}>{t('form.cancel')}</button>
      </div>
    </form>
  );
}

export function ReviewWeakPage({ query }: { query: URLSearchParams }) {
  const user = useUser();
  const lang = getLang();
  const orgParam = query.get('org') ?? '';
  const from = parseYear(query.get('year_from') ?? '') ?? defaultReviewYear();
  const toParam = parseYear(query.get('year_to') ?? '');
  const to = toParam !== null && toParam >= from ? toParam : from;
  const list = useAsync(() => api.weakList({ org: orgParam || undefined, year_from: from, year_to: to }), [orgParam, from, to]);
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [notice, setNotice] = useState('');
  const r = list.data;
  const check = (v: Record<string, string>) => {
    const errors: Record<string, string> = {};
    const a = parseYear(v.year_from ?? '');
    const b = (v.year_to ?? '').trim() ? parseYear(v.year_to) : a;
    if (a === null) errors.year_from = t('err.year');
    if (b === null) errors.year_to = t('err.year');
    else if (a !== null && b < a) errors.year_to = t('err.yearOrder');
    return { errors, query: { year_from: a ?? '', year_to: b ?? '' } as Record<string, string | number> };
  };
  const entry = typeof editing === 'number' ? r?.items.find((w) => w.id === editing) ?? null : null;
  const done = (msg: string) => { setEditing(null); setNotice(msg); list.reload(); };
  const open = (id: number | 'new') => {
    setNotice('');
    setEditing(id);
    setTimeout(() => document.getElementById('weak-editor-h')?.focus(), 0);
  };
  return (
    <div class="report review-report">
      <h1>{t('weak.title')}{r?.org ? ` — ${r.org.name}` : ''}</h1>
      <Tabs query={query} />
      <Filters key={`${orgParam}-${from}-${to}`} path="/reviews/weak" org={r?.org} check={check}
        fields={[{ id: 'year_from', label: t('weak.yearFrom'), value: String(from) }, { id: 'year_to', label: t('weak.yearTo'), value: String(to) }]} />
      {notice && <p class="notice notice-ok" role="status" data-testid="weak-notice">{notice}</p>}
      {list.error ? <ErrorBox error={list.error} onRetry={list.reload} /> : !r ? <Loading /> : (
        <>
          <p class="sentence" data-testid="weak-sentence">
            <span lang="vi">{r.sentence}</span>
            <span class="muted"> — {from === to ? t('weak.inYear', { y: from }) : t('weak.inYears', { a: from, b: to })}</span>
          </p>
          {canEdit(user) && editing === null && (
            <div class="toolbar no-print"><button type="button" onClick={() => open('new')} data-testid="weak-add">{t('weak.add')}</button></div>
          )}
          {editing === 'new' && <WeakEditor entry={null} onDone={done} onCancel={() => setEditing(null)} />}
          {r.items.length === 0 ? <p>{t('weak.none')}</p> : (
            <div class="table-wrap">
              <table data-testid="weak-table">
                <thead>
                  <tr>
                    <th scope="col">{t('report.org')}</th>
                    <th scope="col" class="num">{t('review.year')}</th>
                    <th scope="col" class="hide-narrow">{t('weak.source')}</th>
                    <th scope="col">{t('weak.plan')}</th>
                    <th scope="col">{t('weak.responsible')}</th>
                    <th scope="col">{t('weak.deadline')}</th>
                    <th scope="col">{t('weak.status')}</th>
                    {canEdit(user) && <th scope="col"><span class="sr-only">{t('member.actions')}</span></th>}
                  </tr>
                </thead>
                <tbody>
                  {r.items.map((w) => (
                    <tr key={w.id} data-weak={w.id} data-org-id={w.org_id}>
                      <td><Link href={`/reviews/orgs/${w.org_id}?year=${w.year}`}>{w.name}</Link> <span class="muted">({w.code})</span></td>
                      <td class="num">{w.year}</td>
                      <td class="hide-narrow">{label('weaksource', w.source)}</td>
                      <td>{w.plan || <span class="muted">{t('weak.noPlan')}</span>}</td>
                      <td>{w.responsible || '—'}</td>
                      <td>{formatDate(w.deadline)}</td>
                      <td data-status={w.status}>
                        <span class={`badge weak-${w.status}`}>{enumText('weakstatus', w.status, w.status_label)}</span>
                        {w.consolidated_on && <div class="muted">{formatDate(w.consolidated_on)}</div>}
                      </td>
                      {canEdit(user) && <td><button type="button" onClick={() => open(w.id)} aria-label={t('weak.editFor', { name: w.name })} data-testid="weak-edit">{t('weak.edit')}</button></td>}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {entry && <WeakEditor key={entry.id} entry={entry} onDone={done} onCancel={() => setEditing(null)} />}
          <p class="hint">{t('weak.summary', { c: formatNumber(r.consolidated, lang), n: formatNumber(r.total, lang), p: formatPercentValue(r.share, lang) })}</p>
        </>
      )}
    </div>
  );
}

