import { useEffect, useState } from 'preact/hooks';
import { api, type MemberSummary } from '../api';
import { downloadCsv, ErrorBox, errorText, Link, Loading, Pager, useAsync, useDebounced } from '../components/ui';
import { OrgPicker } from '../components/OrgPicker';
import { orgPaths, parentsLabel } from '../orgpath';
import { formatDate, formatNumber } from '../format';
import { getLang, label, t } from '../i18n';
import { navigate } from '../router';
import { checkAgeRange } from '../validate';
import { Breadcrumb } from '../components/Breadcrumb';
import { OrgName } from '../components/OrgName';

function SortHeader({ k, text, sort, onSort }: { k: string; text: string; sort?: string; onSort?: (k: string) => void }) {
  if (!onSort) return <th scope="col">{text}</th>;
  const active = (sort || 'name') === k;
  return (
    <th scope="col" aria-sort={active ? 'ascending' : undefined}>
      <button type="button" class="sort-button" data-sort={k} onClick={() => onSort(k)}>{text}{active ? ' ▲' : ''}</button>
    </th>
  );
}

export function MemberTable({ items, showOrg = true, sort, onSort }: {
  items: MemberSummary[]; showOrg?: boolean; sort?: string; onSort?: (k: string) => void;
}) {
  const lang = getLang();
  if (items.length === 0) return <p data-testid="no-members">{t('member.none')}</p>;
  return (
    <div class="table-wrap">
      <table class="members" data-testid="member-table">
        <thead>
          <tr>
            <SortHeader k="name" text={t('member.fullName')} sort={sort} onSort={onSort} />
            <th scope="col">{t('member.gender')}</th>
            <SortHeader k="birth_date" text={t('member.birthDate')} sort={sort} onSort={onSort} />
            <th scope="col">{t('member.status')}</th>
            {showOrg && <th scope="col" class="hide-narrow">{t('member.org')}</th>}
            <th scope="col" class="num hide-narrow">{t('member.partyAge')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((m) => (
            <tr key={m.id}>
              <td><Link href={`/members/${m.id}`} class="member-name">{m.full_name}</Link></td>
              <td>{label('gender', m.gender)}</td>
              <td>{formatDate(m.birth_date)}</td>
              <td><span class={`status status-${m.status}`}>{label('status', m.status)}</span></td>
              {showOrg && <td class="hide-narrow"><OrgName org={m.org} /></td>}
              <td class="num hide-narrow">{m.party_age_years == null ? '—' : formatNumber(m.party_age_years, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const EXPORT_MAX = 10000;

/** Exports what the filters show (every page) as CSV, made in the browser from the list API, which
 *  every role may read; up to EXPORT_MAX rows (the full export of a subtree is on the report page). */
function ExportFiltered({ total, query }: { total: number; query: Record<string, string | number | undefined> }) {
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState('');
  if (total === 0) return null;
  const run = async () => {
    setBusy(true);
    setErr('');
    try {
      const rows: MemberSummary[] = [];
      for (let p = 1; rows.length < Math.min(total, EXPORT_MAX); p++) {
        const r = await api.members({ ...query, page: p, page_size: 200 });
        rows.push(...r.items);
        if (r.items.length < 200) break;
      }
      const paths = await orgPaths(rows.map((m) => m.org?.id).filter((x): x is number => !!x));
      downloadCsv('danh-sach-dang-vien.csv',
        [t('member.fullName'), t('member.gender'), t('member.birthDate'), t('member.status'), t('member.org'), t('list.orgPath'), t('member.partyAge')],
        rows.map((m) => [m.full_name, label('gender', m.gender), formatDate(m.birth_date), label('status', m.status), m.org?.name ?? '',
          m.org ? parentsLabel(paths.get(m.org.id)?.parents) : '', m.party_age_years ?? '']));
    } catch (e) {
      setErr(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="export-filtered">
      <button type="button" onClick={run} disabled={busy || total > EXPORT_MAX} data-testid="export-filtered">
        {busy ? t('list.exporting') : t('list.exportFiltered', { n: formatNumber(total, getLang()) })}
      </button>
      {total > EXPORT_MAX && <p class="hint">{t('list.exportTooMany', { n: formatNumber(EXPORT_MAX, getLang()) })}</p>}
      {err && <p class="field-error" role="alert">{err}</p>}
    </div>
  );
}

const FILTERS = ['q', 'status', 'gender', 'age_min', 'age_max', 'theory', 'ethnicity', 'sort'] as const;
type Filter = (typeof FILTERS)[number];
const PAGE_SIZE = 50;

export function MembersPage({ query }: { query: URLSearchParams }) {
  const lang = getLang();
  const org = query.get('org') ?? '';
  const page = Math.max(1, Number(query.get('page')) || 1);
  const fromUrl = () => Object.fromEntries(FILTERS.map((k) => [k, query.get(k) ?? ''])) as Record<Filter, string>;
  const [f, setF] = useState<Record<Filter, string>>(fromUrl);
  // The extra filters start open on wide screens or when one is in use; folded on phones.
  const [moreOpen] = useState(() => FILTERS.some((k) => k !== 'q' && k !== 'sort' && query.get(k))
    || (typeof window.matchMedia === 'function' && window.matchMedia('(min-width: 641px)').matches));
  const dq = useDebounced(f.q, 300);
  const dAgeMin = useDebounced(f.age_min, 400);
  const dAgeMax = useDebounced(f.age_max, 400);
  const ageErrors = checkAgeRange(f.age_min, f.age_max);

  // Keep the URL in step with the filters (replace, so typing does not fill the history).
  const effective = { ...f, q: dq.trim(), age_min: dAgeMin, age_max: dAgeMax };
  const key = JSON.stringify(effective);
  useEffect(() => {
    const sp = new URLSearchParams();
    if (org) sp.set('org', org);
    for (const k of FILTERS) if (effective[k]) sp.set(k, effective[k]);
    const samePage = FILTERS.every((k) => (query.get(k) ?? '') === effective[k]);
    if (samePage && page > 1) sp.set('page', String(page));
    const next = `/members${sp.toString() ? '?' + sp.toString() : ''}`;
    if (next !== window.location.pathname + window.location.search) navigate(next, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  // Navigation from outside (a menu link, Back): take the filters from the URL.
  const urlKey = query.toString();
  useEffect(() => {
    const u = fromUrl();
    if (FILTERS.some((k) => u[k] !== effective[k])) setF(u);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [urlKey]);

  const valid = !checkAgeRange(dAgeMin, dAgeMax).age_min && !checkAgeRange(dAgeMin, dAgeMax).age_max;
  const list = useAsync(
    () => api.members({
      org: org || undefined, q: dq.trim() || undefined, status: f.status, gender: f.gender,
      age_min: valid ? dAgeMin : undefined, age_max: valid ? dAgeMax : undefined, theory: f.theory,
      ethnicity: f.ethnicity.trim() || undefined, sort: f.sort || 'name', page, page_size: PAGE_SIZE,
    }),
    [org, key, page],
  );
  const set = (k: Filter) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
  const goPage = (p: number) => {
    const sp = new URLSearchParams(window.location.search);
    sp.set('page', String(p));
    navigate(`/members?${sp.toString()}`);
  };
  const orgInfo = useAsync(() => (org ? api.org(Number(org)) : Promise.resolve(null)), [org]);
  const orgName = orgInfo.data?.name ?? '';
  return (
    <div>
      {orgInfo.data && <Breadcrumb org={orgInfo.data} />}
      <h1>{t('member.list')}{orgName ? ` — ${orgName}` : ''}</h1>
      <form class="filters card" role="search" onSubmit={(e) => e.preventDefault()} aria-label={t('member.filters')}>
        <OrgPicker key={orgInfo.data?.id ?? 0} id="member-org" label={t('list.org')} value={orgInfo.data ? { id: orgInfo.data.id, name: orgInfo.data.name } : null}
          onChange={(o) => { const sp = new URLSearchParams(window.location.search); if (o) sp.set('org', String(o.id)); else sp.delete('org'); sp.delete('page'); navigate(`/members?${sp.toString()}`); }} />
        <div class="field field-wide">
          <label for="q">{t('member.search')}</label>
          <input id="q" type="search" value={f.q} onInput={set('q')} autoComplete="off" aria-describedby="q-hint" data-testid="member-search" />
          <p class="hint" id="q-hint">{t('member.searchHint')}</p>
        </div>
        <details class="more-filters" open={moreOpen}>
          <summary>{t('member.filters')}</summary>
          <div class="filters-grid">
        <div class="field">
          <label for="status">{t('member.status')}</label>
          <select id="status" value={f.status} onChange={set('status')}>
            <option value="">{t('member.any')}</option>
            {['official', 'probationary', 'removed', 'deceased', 'transferred_out'].map((s) => <option key={s} value={s}>{label('status', s)}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="gender">{t('member.gender')}</label>
          <select id="gender" value={f.gender} onChange={set('gender')}>
            <option value="">{t('member.any')}</option>
            <option value="nam">{t('gender.nam')}</option>
            <option value="nu">{t('gender.nu')}</option>
          </select>
        </div>
        <div class={ageErrors.age_min ? 'field field-small field-invalid' : 'field field-small'}>
          <label for="age_min">{t('member.ageMin')}</label>
          <input id="age_min" inputMode="numeric" value={f.age_min} onInput={set('age_min')} aria-invalid={ageErrors.age_min ? 'true' : undefined} aria-describedby={ageErrors.age_min ? 'age_min-error' : undefined} />
          {ageErrors.age_min && <p class="field-error" id="age_min-error">{t(ageErrors.age_min)}</p>}
        </div>
        <div class={ageErrors.age_max ? 'field field-small field-invalid' : 'field field-small'}>
          <label for="age_max">{t('member.ageMax')}</label>
          <input id="age_max" inputMode="numeric" value={f.age_max} onInput={set('age_max')} aria-invalid={ageErrors.age_max ? 'true' : undefined} aria-describedby={ageErrors.age_max ? 'age_max-error' : undefined} />
          {ageErrors.age_max && <p class="field-error" id="age_max-error">{t(ageErrors.age_max)}</p>}
        </div>
        <div class="field">
          <label for="theory">{t('member.theory')}</label>
          <select id="theory" value={f.theory} onChange={set('theory')}>
            <option value="">{t('member.any')}</option>
            {['none', 'so_cap', 'trung_cap', 'cao_cap', 'cu_nhan'].map((s) => <option key={s} value={s}>{label('theory', s)}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="ethnicity">{t('member.ethnicity')}</label>
          <input id="ethnicity" value={f.ethnicity} onInput={set('ethnicity')} autoComplete="off" />
        </div>
        <div class="field">
          <label for="sort">{t('member.sort')}</label>
          <select id="sort" value={f.sort || 'name'} onChange={set('sort')}>
            <option value="name">{t('member.sortName')}</option>
            <option value="birth_date">{t('member.sortBirth')}</option>
          </select>
        </div>
        <div class="field field-button">
          <button type="button" onClick={() => setF(Object.fromEntries(FILTERS.map((k) => [k, ''])) as Record<Filter, string>)}>{t('member.clear')}</button>
        </div>
          </div>
        </details>
      </form>
      {list.error ? <ErrorBox error={list.error} onRetry={list.reload} /> : !list.data ? <Loading /> : (
        <div class={list.loading ? 'results loading-dim' : 'results'} aria-busy={list.loading}>
          <div class="list-head">
            <p class="total" role="status" data-testid="member-total">{t('member.total', { n: formatNumber(list.data.total ?? list.data.items.length, lang) })}</p>
            <ExportFiltered total={list.data.total ?? 0} query={{
              org: org || undefined, q: dq.trim() || undefined, status: f.status, gender: f.gender,
              age_min: valid ? dAgeMin : undefined, age_max: valid ? dAgeMax : undefined, theory: f.theory,
              ethnicity: f.ethnicity.trim() || undefined, sort: f.sort || 'name',
            }} />
          </div>
          <MemberTable items={list.data.items} showOrg sort={f.sort} onSort={(k) => setF({ ...f, sort: k })} />
          <Pager page={page} pageSize={list.data.page_size ?? PAGE_SIZE} total={list.data.total ?? 0} onPage={goPage} />
        </div>
      )}
    </div>
  );
}
