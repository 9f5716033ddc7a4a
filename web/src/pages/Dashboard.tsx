import { request } from '../api';
import type { OrgRef } from '../api';
import { OrgName } from '../components/OrgName';
import { ErrorBox, Link, Loading, useAsync } from '../components/ui';
import { formatDate, formatNumber, formatPercent } from '../format';
import { getLang, label, t } from '../i18n';
import { shortOrgName } from '../orgpath';
import { canEdit, useUser } from '../session';

interface Dashboard {
  org: OrgRef; as_of: string;
  counts: Record<string, number>;
  due: { soon: number; due: number; overdue: number };
  review: {
    year: number; units: number; started: number; decided: number; not_started: number;
    not_started_items: (OrgRef & { parent: OrgRef | null })[];
    by_child: (OrgRef & { units: number; started: number; decided: number })[];
  };
  recent: { at: string; username: string; action: string; entity: string; entity_id: number | null; org: OrgRef | number }[];
}

const ACTIONS: Record<string, string> = {
  'member.admit': 'Kết nạp', 'member.official': 'Công nhận chính thức', 'member.transfer': 'Chuyển sinh hoạt',
  'member.return': 'Trở lại sinh hoạt', 'member.discipline': 'Kỷ luật', 'member.exempt': 'Miễn sinh hoạt',
  'member.exit': 'Ra khỏi Đảng', 'member.import': 'Nhập danh sách', 'org.create': 'Thành lập tổ chức',
  'org.rename': 'Đổi tên tổ chức', 'org.move': 'Chuyển tổ chức', 'org.merge': 'Hợp nhất tổ chức',
  'org.dissolve': 'Giải thể tổ chức', 'review.step': 'Đánh giá, xếp loại', 'member.readmit': 'Kết nạp lại',
  'member.update': 'Sửa hồ sơ đảng viên', 'user.add': 'Thêm tài khoản', 'review.self_assess': 'Tự đánh giá',
  'review.verify': 'Thẩm định đánh giá', 'review.decide': 'Quyết định xếp loại', 'review.amend': 'Điều chỉnh xếp loại',
  'review.record': 'Ghi nhận xếp loại',
};

/** The landing page: what a board looks at first in its scope. */
export function DashboardPage() {
  const user = useUser();
  const lang = getLang();
  const res = useAsync(() => request<Dashboard>('GET', '/api/dashboard'), []);
  if (res.error) return <ErrorBox error={res.error} onRetry={res.reload} />;
  if (!res.data) return <Loading />;
  const d = res.data;
  const n = (v: number) => formatNumber(v, lang);
  const r = d.review;
  return (
    <div data-testid="dashboard">
      <h1>{t('dash.title')} — {d.org.name}</h1>
      <p class="as-of">{t('report.asOfLine', { d: formatDate(d.as_of) })}</p>
      <section aria-labelledby="dash-counts">
        <h2 id="dash-counts" class="sr-only">{t('report.counts')}</h2>
        <dl class="stats" data-testid="dash-counts">
          {(['members', 'official', 'probationary', 'base_orgs', 'partial_committees', 'branches'] as const).map((k) => (
            <div class="stat" key={k} data-count={k}><dt>{label('count', k)}</dt><dd>{n(d.counts[k] ?? 0)}</dd></div>
          ))}
        </dl>
      </section>
      <div class="grid2">
        <section class="card" aria-labelledby="dash-due">
          <h2 id="dash-due">{t('nav.due')}</h2>
          <ul class="plain-list due-summary" data-testid="dash-due">
            <li><span class="badge urg-overdue">{n(d.due.overdue)}</span> {t('dash.overdue')}</li>
            <li><span class="badge urg-pending">{n(d.due.due)}</span> {t('dash.due')}</li>
            <li><span class="badge urg-soon">{n(d.due.soon)}</span> {t('dash.soon')}</li>
          </ul>
          <Link class="button" href="/due">{t('dash.openDue')}</Link>
        </section>
        <section class="card" aria-labelledby="dash-review">
          <h2 id="dash-review">{t('dash.review', { y: r.year })}</h2>
          <p data-testid="dash-review-summary">{t('dash.reviewSummary', {
            started: n(r.started), units: n(r.units), share: formatPercent(r.started, r.units, lang), decided: n(r.decided), none: n(r.not_started),
          })}</p>
          {r.by_child.length > 0 && (
            <div class="table-wrap">
              <table data-testid="dash-review-children">
                <thead><tr><th scope="col">{t('report.org')}</th><th scope="col" class="num">{t('dash.units')}</th><th scope="col" class="num">{t('dash.started')}</th><th scope="col" class="num">{t('dash.decided')}</th></tr></thead>
                <tbody>
                  {r.by_child.map((c) => (
                    <tr key={c.id} data-child={c.id}>
                      <th scope="row"><Link href={`/reviews?org=${c.id}&year=${r.year}`}>{shortOrgName(c.name)}</Link></th>
                      <td class="num">{n(c.units)}</td>
                      <td class="num">{n(c.started)} ({formatPercent(c.started, c.units, lang)})</td>
                      <td class="num">{n(c.decided)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
      {r.not_started_items.length > 0 && (
        <section class="card" aria-labelledby="dash-none">
          <h2 id="dash-none">{t('dash.notStarted', { n: n(r.not_started) })}</h2>
          <ul class="plain-list cols" data-testid="dash-not-started">
            {r.not_started_items.map((o) => (
              <li key={o.id} data-org={o.id}><Link href={`/reviews/orgs/${o.id}?year=${r.year}`}>{shortOrgName(o.name)}</Link>
                {o.parent && <span class="org-path"> — {shortOrgName(o.parent.name, true)}</span>}</li>
            ))}
          </ul>
          {r.not_started > r.not_started_items.length && <p class="hint">{t('dash.more', { n: n(r.not_started - r.not_started_items.length) })}</p>}
        </section>
      )}
      {canEdit(user) && (
        <section class="card" aria-labelledby="dash-recent">
          <h2 id="dash-recent">{t('dash.recent')}</h2>
          {d.recent.length === 0 ? <p>{t('dash.noRecent')}</p> : (
            <ul class="plain-list" data-testid="dash-recent">
              {d.recent.map((x, i) => (
                <li key={i}>
                  <time dateTime={x.at}>{formatDate(x.at.slice(0, 10))} {x.at.slice(11, 16)}</time>{' '}
                  <strong>{ACTIONS[x.action] ?? x.action}</strong>
                  {x.entity === 'member' && x.entity_id && <> — <Link href={`/members/${x.entity_id}`}>{t('dash.member', { id: x.entity_id })}</Link></>}
                  {typeof x.org === 'object' && <> — <OrgName org={x.org} /></>}
                  <span class="muted"> · {x.username}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
