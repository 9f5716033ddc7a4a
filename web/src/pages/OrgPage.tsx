import { api, type Counts } from '../api';
import { ErrorBox, Link, Loading, useAsync } from '../components/ui';
import { formatDate, formatNumber } from '../format';
import { getLang, label, t } from '../i18n';
import { canEdit, useUser } from '../session';
import { MemberTable } from './Members';
import { Breadcrumb } from '../components/Breadcrumb';

const COUNT_KEYS = ['members', 'official', 'probationary', 'children', 'base_orgs', 'partial_committees', 'branches'];

export function CountsList({ counts }: { counts: Counts }) {
  const lang = getLang();
  const keys = [...COUNT_KEYS.filter((k) => k in counts), ...Object.keys(counts).filter((k) => !COUNT_KEYS.includes(k))];
  return (
    <dl class="stats" data-testid="counts">
      {keys.map((k) => (
        <div key={k} class="stat" data-count={k}>
          <dt>{label('count', k)}</dt>
          <dd>{formatNumber(counts[k] ?? 0, lang)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function OrgPage({ id }: { id: number }) {
  const user = useUser();
  const lang = getLang();
  const org = useAsync(() => api.org(id), [id]);
  const kids = useAsync(() => api.orgChildren(id), [id]);
  const hist = useAsync(() => api.orgHistory(id), [id]);
  const members = useAsync(() => api.members({ org: id, page_size: 20, sort: 'name' }), [id]);
  if (org.error) return <ErrorBox error={org.error} onRetry={org.reload} />;
  if (!org.data) return <Loading />;
  const o = org.data;
  return (
    <div data-testid="org-page">
      <Breadcrumb org={o} />
      <h1>{o.name}</h1>
      <div class="toolbar">
        <Link class="button" href={`/members?org=${o.id}`}>{t('org.allMembers')}</Link>
        <Link class="button" href={`/reports?org=${o.id}`}>{t('org.report')}</Link>
        <Link class="button" href={`/reviews/orgs/${o.id}`} data-testid="org-review">{t('org.review')}</Link>
        <Link class="button" href={`/reviews?org=${o.id}`}>{t('org.reviewReport')}</Link>
        {canEdit(user) && <Link class="button primary" href={`/members/new?org=${o.id}`}>{t('org.admit')}</Link>}
      </div>
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
            <CountsList counts={o.counts} />
          </section>
        )}
      </div>

      <section aria-labelledby="org-children">
        <h2 id="org-children">{t('org.children')}</h2>
        {kids.error ? <ErrorBox error={kids.error} onRetry={kids.reload} /> : !kids.data ? <Loading /> :
          kids.data.items.length === 0 ? <p>{t('org.noChildren')}</p> : (
            <div class="table-wrap">
              <table data-testid="children">
                <thead><tr><th scope="col">{t('org.name')}</th><th scope="col">{t('org.kind')}</th><th scope="col" class="num">{t('count.members')}</th><th scope="col" class="num">{t('count.children')}</th></tr></thead>
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
