import { useState } from 'preact/hooks';
import { api } from '../api';
import { OrgName } from '../components/OrgName';
import { ErrorBox, Link, Loading, Pager, useAsync, useDebounced } from '../components/ui';
import { formatDate, formatNumber } from '../format';
import { getLang, t } from '../i18n';
import { canEdit, useUser } from '../session';

const PAGE_SIZE = 200;

export function DuePage({ query }: { query: URLSearchParams }) {
  const user = useUser();
  const lang = getLang();
  const org = query.get('org') ?? '';
  const [days, setDays] = useState(query.get('days') ?? '30');
  const [show, setShow] = useState<'all' | 'due' | 'overdue'>('all');
  const dDays = useDebounced(days, 400);
  const daysOk = /^\d{1,3}$/.test(dDays.trim());
  const [page, setPage] = useState(1);
  const res = useAsync(() => api.due({ org: org || undefined, days: daysOk ? dDays.trim() : 30, page, page_size: PAGE_SIZE }), [org, dDays, page]);
  const items = (res.data?.items ?? []).filter((m) => show === 'all' || (show === 'overdue' ? m.overdue : !m.overdue));
  const overdueCount = res.data?.overdue ?? (res.data?.items ?? []).filter((m) => m.overdue).length;
  return (
    <div>
      <h1>{t('due.title')}</h1>
      <p class="lead">{t('due.intro')}</p>
      <form class="filters card" onSubmit={(e) => e.preventDefault()}>
        <div class={daysOk ? 'field field-small' : 'field field-small field-invalid'}>
          <label for="days">{t('due.days')}</label>
          <input id="days" inputMode="numeric" value={days} onInput={(e) => setDays((e.currentTarget as HTMLInputElement).value)}
            aria-invalid={daysOk ? undefined : 'true'} aria-describedby={daysOk ? undefined : 'days-error'} />
          {!daysOk && <p class="field-error" id="days-error">{t('err.required')}</p>}
        </div>
        <fieldset class="field segmented">
          <legend>{t('due.show')}</legend>
          {(['all', 'due', 'overdue'] as const).map((k) => (
            <label key={k} class="radio">
              <input type="radio" name="show" value={k} checked={show === k} onChange={() => setShow(k)} />
              {k === 'all' ? t('due.all') : k === 'due' ? t('due.dueOnly') : `${t('due.overdueOnly')} (${formatNumber(overdueCount, lang)})`}
            </label>
          ))}
        </fieldset>
      </form>
      {res.error ? <ErrorBox error={res.error} onRetry={res.reload} /> : !res.data ? <Loading /> : items.length === 0 ? <p>{t('due.none')}</p> : (
        <div class="table-wrap">
          <table data-testid="due-table">
            <thead>
              <tr>
                <th scope="col">{t('member.fullName')}</th>
                <th scope="col" class="hide-narrow">{t('member.org')}</th>
                <th scope="col">{t('due.dueDate')}</th>
                <th scope="col" class="hide-narrow">{t('due.deadline')}</th>
                <th scope="col">{t('due.state')}</th>
                {canEdit(user) && <th scope="col"><span class="sr-only">{t('member.actions')}</span></th>}
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.id} class={m.overdue ? 'row-overdue' : ''}>
                  <td><Link href={`/members/${m.id}`}>{m.full_name}</Link></td>
                  <td class="hide-narrow"><OrgName org={m.org} /></td>
                  <td>{formatDate(m.due_date)}</td>
                  <td class="hide-narrow">{formatDate(m.deadline)}</td>
                  <td>{m.overdue
                    ? <span class="badge badge-bad">{t('due.overdue', { n: formatNumber(m.working_days_late ?? 0, lang) })}</span>
                    : <span class="badge badge-warn">{m.days_left != null && m.days_left > 0 ? t('due.daysLeft', { n: formatNumber(m.days_left, lang) }) : t('due.due')}</span>}</td>
                  {canEdit(user) && <td><Link href={`/members/${m.id}/official`}>{t('due.act')}</Link></td>}
                </tr>
              ))}
            </tbody>
          </table>
          {(res.data?.total ?? 0) > PAGE_SIZE && <Pager page={page} pageSize={PAGE_SIZE} total={res.data?.total ?? 0} onPage={setPage} />}
        </div>
      )}
    </div>
  );
}
