import { api, ApiError, type Counts } from '../api';
import { shortOrgName, useOrgPath } from '../orgpath';
import { doneNotice, OrgManageLinks } from './OrgManage';
import { ErrorBox, Link, Loading, useAsync } from '../components/ui';
import { formatDate, formatNumber } from '../format';
import { getLang, label, t } from '../i18n';
import { canEdit, useUser } from '../session';
import { MemberTable } from './Members';
import { OrgCommendations } from './OrgCommendations';
import { Breadcrumb } from '../components/Breadcrumb';

const COUNT_KEYS = ['members', 'official', 'probationary', 'children', 'base_orgs', 'partial_committees', 'branches'];

const MEMBER_KEYS = ['members', 'official', 'probationary'];

/** The counts of an organization; a chi bộ (which holds members and no organizations) shows
 *  only its members: tiles of sub-organizations would always read 0. */
export function CountsList({ counts, chiBo = false }: { counts: Counts; chiBo?: boolean }) {
  const lang = getLang();
  const all = [...COUNT_KEYS.filter((k) => k in counts), ...Object.keys(counts).filter((k) => !COUNT_KEYS.includes(k))];
  const keys = chiBo ? all.filter((k) => MEMBER_KEYS.includes(k)) : all;
  return (
    <dl class="stats" data-testid="counts">
      {keys.map((k) => (
        <div key={k} class="stat" data-count={k}>
          <dt>{k === 'children' ? t('report.direct') : label('count', k)}</dt>
          <dd>{formatNumber(counts[k] ?? 0, lang)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** An organization that no longer exists (merged, dissolved): why, and its page as of its last day. */
function EndedOrg({ id, error }: { id: number; error: unknown }) {
  const p = useOrgPath(id);
  return (
    <div data-testid="org-ended-page">
      <ErrorBox error={error} />
      {p && !p.alive && p.last_day && (
        <p>
          <Link class="button" href={`/orgs/${id}?as_of=${p.last_day}`} data-testid="org-last-day">{t('orgpath.lastDay', { date: formatDate(p.last_day) })}</Link>
          {p.into && <> <Link class="button" href={`/orgs/${p.into.id}`}>{shortOrgName(p.into.name)}</Link></>}
        </p>
      )}
    </div>
  );
}

/** Why an organization's page shows a past day: merged into another (linked) or dissolved. */
function EndedNotice({ id, name }: { id: number; name: string }) {
  const p = useOrgPath(id);
  if (!p || p.alive || !p.ended_on) return null;
  const d = formatDate(p.ended_on);
  return (
    <p class="notice notice-warn" role="status" data-testid="org-ended-reason">
      {p.end_kind === 'merge' && p.into
        ? <>{name} {t('orgpath.ended.mergeInto')} <Link href={`/orgs/${p.into.id}`}>{p.into.name}</Link> {t('orgpath.ended.since', { date: d })}</>
        : `${name} ${t(p.end_kind === 'merge' ? 'orgpath.ended.mergeNoInto' : 'orgpath.ended.dissolve', { date: d })}`}
    </p>
  );
}

export function OrgPage({ id, asOf }: { id: number; asOf?: string }) {
  const user = useUser();
  const lang = getLang();
  const org = useAsync(() => api.org(id, asOf || undefined), [id, asOf]);
  const kids = useAsync(() => api.orgChildren(id, asOf || undefined), [id, asOf]);
  const hist = useAsync(() => api.orgHistory(id), [id]);
  const members = useAsync(() => api.members({ org: id, page_size: 20, sort: 'name', as_of: asOf || undefined }), [id, asOf]);
  if (org.error) {
    if (org.error instanceof ApiError && org.error.status === 404 && !asOf) return <EndedOrg id={id} error={org.error} />;
    return <ErrorBox error={org.error} onRetry={org.reload} />;
  }
  if (!org.data) return <Loading />;
  const o = org.data;
  const done = doneNotice(new URLSearchParams(window.location.search).get('done'), o.name);
  const shownAsOf = asOf || (o.valid_to ? (o as { as_of?: string }).as_of : undefined);
  return (
    <div data-testid="org-page">
      {o.valid_to && <EndedNotice id={o.id} name={o.name} />}
      {shownAsOf && <p class="notice notice-warn" role="status" data-testid="org-as-of">{t('orgpage.asOf', { d: formatDate(shownAsOf) })}</p>}
      {done && <p class="notice notice-ok" role="status" data-testid="org-done">{done}</p>}
      <Breadcrumb org={o} />
      <h1>{o.name}</h1>
      <div class="toolbar">
        <Link class="button" href={`/members?org=${o.id}`}>{t('org.allMembers')}</Link>
        <Link class="button" href={`/reports?org=${o.id}`}>{t('org.report')}</Link>
        <Link class="button" href={`/reviews/orgs/${o.id}`} data-testid="org-review">{t('org.review')}</Link>
        <Link class="button" href={`/reviews?org=${o.id}`}>{t('org.reviewReport')}</Link>
        {canEdit(user) && <Link class="button primary" href={`/members/new?org=${o.id}`}>{t('org.admit')}</Link>}
      </div>
      {canEdit(user) && !shownAsOf && <OrgManageLinks o={o} isScopeRoot={o.id === user.scope.id} />}
      <div class="grid2">
        <section class="card" aria-labelledby="org-details">
          <h2 id="org-details">{t('org.details')}</h2>
          <dl class="details">
            <dt>{t('org.code')}</dt><dd>{o.code}</dd>
            <dt>{t('org.kind')}</dt><dd>{o.kind_label || o.kind}</dd>
            <dt>{t('org.tier')}</dt><dd>{label('tier', o.tier)}</dd>
            {o.base_type && <><dt>{t('org.baseType')}</dt><dd>{label('basetype', o.base_type)}</dd></>}
            <dt>{t('org.validFrom')}</dt><dd>{formatDate(o.valid_from)}</dd>
            {o.valid_to && <><dt>{t('org.validTo')}</dt><dd>{formatDate(o.valid_to)}</dd></>}
          </dl>
        </section>
        {o.counts && (
          <section class="card" aria-labelledby="org-counts">
            <h2 id="org-counts">{t('org.counts')}</h2>
            <CountsList counts={o.counts} chiBo={o.form === 'chi_bo'} />
          </section>
        )}
      </div>

      <section aria-labelledby="org-children">
        <h2 id="org-children">{t('org.children')}</h2>
        {kids.error ? <ErrorBox error={kids.error} onRetry={kids.reload} /> : !kids.data ? <Loading /> :
          kids.data.items.length === 0 ? <p>{t('org.noChildren')}</p> : (
            <div class="table-wrap">
              <table data-testid="children">
                <thead><tr><th scope="col">{t('org.name')}</th><th scope="col">{t('org.kind')}</th><th scope="col" class="num">{t('count.members')}</th><th scope="col" class="num">{t('report.direct')}</th></tr></thead>
                <tbody>
                  {kids.data.items.map((k) => (
                    <tr key={k.id}>
                      <td><Link href={`/orgs/${k.id}`}>{k.name}</Link></td>
                      <td>{k.kind_label || k.kind}</td>
                      <td class="num">{formatNumber(k.member_count ?? 0, lang)}</td>
                      <td class="num">{formatNumber(k.child_count ?? 0, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
      </section>

      <section aria-labelledby="org-members">
        <h2 id="org-members">{t('org.members')}{members.data?.total !== undefined && ` (${formatNumber(members.data.total, lang)})`}</h2>
        {members.error ? <ErrorBox error={members.error} /> : !members.data ? <Loading /> : (
          <>
            <MemberTable items={members.data.items} />
            {(members.data.total ?? 0) > members.data.items.length && <p><Link href={`/members?org=${o.id}`}>{t('org.allMembers')}</Link></p>}
          </>
        )}
      </section>

      <OrgCommendations orgId={o.id} editable={canEdit(user) && !shownAsOf} />

      <section aria-labelledby="org-history">
        <h2 id="org-history">{t('org.history')}</h2>
        {hist.error ? <ErrorBox error={hist.error} /> : !hist.data ? <Loading /> :
          hist.data.items.length === 0 ? <p>{t('org.noHistory')}</p> : (
            <div class="table-wrap">
              <table>
                <thead><tr><th scope="col">{t('col.date')}</th><th scope="col">{t('col.kind')}</th><th scope="col">{t('col.decision')}</th><th scope="col">{t('col.detail')}</th></tr></thead>
                <tbody>
                  {hist.data.items.map((h, i) => (
                    <tr key={i}>
                      <td>{formatDate(h.date)}</td>
                      <td>{label('history', h.kind)}</td>
                      <td>{h.decision_no || '—'}</td>
                      <td>{h.detail || ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
      </section>
    </div>
  );
}
