import { useState } from 'preact/hooks';
import { api, type DueMember, type OrgRef } from '../api';
import { OrgName } from '../components/OrgName';
import { OrgPicker } from '../components/OrgPicker';
import { ConfirmDialog, DateField, downloadCsv, ErrorBox, errorText, Link, Loading, Pager, TextField, useAsync, useDebounced } from '../components/ui';
import { formatDate, formatNumber } from '../format';
import { getLang, t } from '../i18n';
import { parentsLabel, orgPaths } from '../orgpath';
import { navigate } from '../router';
import { canEdit, useUser } from '../session';
import { checkOfficial } from '../validate';

const PAGE_SIZE = 200;

/** How urgent a row is: past the deadline, past the due date (within the 30 working days), due within
 *  a week, or later. */
export function urgency(m: DueMember): 'overdue' | 'pending' | 'soon' | 'later' {
  if (m.overdue) return 'overdue';
  if ((m.days_left ?? 0) <= 0) return 'pending';
  if ((m.days_left ?? 0) <= 7) return 'soon';
  return 'later';
}

function stateText(m: DueMember, lang: ReturnType<typeof getLang>): string {
  const u = urgency(m);
  if (u === 'overdue') return t('due.overdueBy', { n: formatNumber(m.working_days_overdue ?? 0, lang) });
  if (u === 'pending') return t('due.pending');
  return t('due.daysLeft', { n: formatNumber(m.days_left ?? 0, lang) });
}

/** One decision recognising several members at once: each member's recognition is recorded (and
 *  audited) with the same decision number and date; the outcome is listed member by member. */
function BulkOfficial({ members, onDone }: { members: DueMember[]; onDone: (recorded: number[]) => void }) {
  const [no, setNo] = useState('');
  const [date, setDate] = useState('');
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<{ m: DueMember; ok: boolean; msg: string }[]>([]);
  const [ask, setAsk] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const c = checkOfficial({ decision_no: no, decision_date: date });
    const next: Record<string, string> = {};
    for (const [k, v] of Object.entries(c.errors)) if (v) next[k] = t(v);
    setErrs(next);
    if (Object.keys(next).length) {
      (document.getElementById(Object.keys(next)[0] === 'decision_no' ? 'bulk_decision_no' : 'bulk_decision_date') as HTMLElement | null)?.focus();
      return;
    }
    setAsk(true);
  };
  const record = async () => {
    const c = checkOfficial({ decision_no: no, decision_date: date });
    setBusy(true);
    const out: { m: DueMember; ok: boolean; msg: string }[] = [];
    for (const m of members) {
      try {
        await api.memberAction(m.id, 'official', c.payload);
        out.push({ m, ok: true, msg: t('due.bulkOk') });
      } catch (err) {
        out.push({ m, ok: false, msg: errorText(err) });
      }
    }
    setResults(out);
    setBusy(false);
    setAsk(false);
    onDone(out.filter((r) => r.ok).map((r) => r.m.id));
  };
  return (
    <form class="card form bulk" onSubmit={submit} noValidate data-testid="bulk-official">
      <h2>{t('due.bulkTitle', { n: members.length })}</h2>
      <p class="hint">{members.map((m) => m.full_name).join(', ')}</p>
      <TextField id="bulk_decision_no" label={t('form.decisionNo')} value={no} onInput={setNo} error={errs.decision_no} required />
      <DateField id="bulk_decision_date" label={t('form.decisionDate')} value={date} onInput={setDate} error={errs.decision_date} required />
      <div class="actions"><button type="submit" class="primary" disabled={busy || members.length === 0}>{t('due.bulkSubmit', { n: members.length })}</button></div>
      <ConfirmDialog open={ask} busy={busy} id="bulk-confirm" title={t('due.bulkTitle', { n: members.length })}
        message={t('due.bulkConfirm', { n: members.length, no: no.trim(), d: date.trim() }) + ' ' + members.map((m) => m.full_name).join(', ')}
        onConfirm={record} onCancel={() => setAsk(false)} />
      {results.length > 0 && (
        <ul class="bulk-results" data-testid="bulk-results" role="status">
          {results.map((r) => <li key={r.m.id} class={r.ok ? 'ok' : 'bad'}>{r.m.full_name}: {r.msg}</li>)}
        </ul>
      )}
    </form>
  );
}

export function DuePage({ query }: { query: URLSearchParams }) {
  const user = useUser();
  const lang = getLang();
  const org = query.get('org') ?? '';
  const [days, setDays] = useState(query.get('days') ?? '30');
  const [show, setShow] = useState<'all' | 'due' | 'overdue'>('all');
  const [name, setName] = useState('');
  const dDays = useDebounced(days, 400);
  const daysOk = /^\d{1,3}$/.test(dDays.trim());
  const [page, setPage] = useState(1);
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const [notice, setNotice] = useState('');
  const res = useAsync(() => api.due({ org: org || undefined, days: daysOk ? dDays.trim() : 30, page, page_size: PAGE_SIZE }), [org, dDays, page]);
  const orgInfo = useAsync(() => (org ? api.org(Number(org)) : Promise.resolve(null)), [org]);
  const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
  const words = fold(name).split(/\s+/).filter(Boolean);
  const items = (res.data?.items ?? [])
    .filter((m) => show === 'all' || (show === 'overdue' ? m.overdue : !m.overdue))
    .filter((m) => words.every((w) => fold(m.full_name).split(/\s+/).some((x) => x.startsWith(w))));
  const overdueCount = res.data?.overdue ?? (res.data?.items ?? []).filter((m) => m.overdue).length;
  const edit = canEdit(user);
  const chosen = items.filter((m) => picked.has(m.id));
  const toggle = (id: number) => { const s = new Set(picked); if (s.has(id)) s.delete(id); else s.add(id); setPicked(s); };
  const exportCsv = async () => {
    const paths = await orgPaths(items.map((m) => m.org?.id).filter((x): x is number => !!x));
    downloadCsv('den-han-chuyen-chinh-thuc.csv',
      [t('member.fullName'), t('member.org'), t('list.orgPath'), t('due.dueDate'), t('due.deadline'), t('due.state')],
      items.map((m) => [m.full_name, m.org?.name ?? '', m.org ? parentsLabel(paths.get(m.org.id)?.parents) : '', formatDate(m.due_date), formatDate(m.deadline), stateText(m, lang)]));
  };
  return (
    <div>
      <h1>{t('due.title')}</h1>
      <p class="lead">{t('due.intro')}</p>
      <form class="filters card" onSubmit={(e) => e.preventDefault()}>
        <OrgPicker key={orgInfo.data?.id ?? 0} id="due-org" label={t('list.org')} value={orgInfo.data ? { id: orgInfo.data.id, name: orgInfo.data.name } as OrgRef : null}
          onChange={(o) => { setPage(1); navigate(o ? `/due?org=${o.id}` : '/due'); }} />
        <div class="field">
          <label for="due-name">{t('member.search')}</label>
          <input id="due-name" type="search" value={name} autoComplete="off" onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} />
        </div>
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
      <p class="legend" aria-hidden="true">
        <span class="badge urg-overdue">{t('due.legendOverdue')}</span> <span class="badge urg-pending">{t('due.legendPending')}</span> <span class="badge urg-soon">{t('due.legendSoon')}</span>
      </p>
      {res.error ? <ErrorBox error={res.error} onRetry={res.reload} /> : !res.data ? <Loading /> : items.length === 0 ? <p>{t('due.none')}</p> : (
        <>
          <div class="list-head">
            <p class="total" role="status" data-testid="due-total">{t('member.total', { n: formatNumber(items.length, lang) })}</p>
            <button type="button" onClick={exportCsv} data-testid="due-export">{t('due.export')}</button>
          </div>
          <div class="table-wrap">
            <table data-testid="due-table">
              <thead>
                <tr>
                  {edit && <th scope="col"><input type="checkbox" aria-label={t('due.pickAll')} data-testid="due-pick-all"
                    checked={items.length > 0 && items.every((m) => picked.has(m.id))}
                    onChange={(e) => setPicked((e.currentTarget as HTMLInputElement).checked ? new Set(items.map((m) => m.id)) : new Set())} /></th>}
                  <th scope="col">{t('member.fullName')}</th>
                  <th scope="col" class="hide-narrow">{t('member.org')}</th>
                  <th scope="col">{t('due.dueDate')}</th>
                  <th scope="col" class="hide-narrow">{t('due.deadline')}</th>
                  <th scope="col">{t('due.state')}</th>
                  {edit && <th scope="col"><span class="sr-only">{t('member.actions')}</span></th>}
                </tr>
              </thead>
              <tbody>
                {items.map((m) => (
                  <tr key={m.id} class={`urg-row-${urgency(m)}`} data-member={m.id} data-urgency={urgency(m)}>
                    {edit && <td><input type="checkbox" aria-label={m.full_name} checked={picked.has(m.id)} onChange={() => toggle(m.id)} data-pick={m.id} /></td>}
                    <td><Link href={`/members/${m.id}`}>{m.full_name}</Link></td>
                    <td class="hide-narrow"><OrgName org={m.org} /></td>
                    <td>{formatDate(m.due_date)}</td>
                    <td class="hide-narrow">{formatDate(m.deadline)}</td>
                    <td><span class={`badge urg-${urgency(m)}`} data-testid="due-state">{stateText(m, lang)}</span></td>
                    {edit && <td><Link href={`/members/${m.id}/official`}>{t('due.act')}</Link></td>}
                  </tr>
                ))}
              </tbody>
            </table>
            {(res.data?.total ?? 0) > PAGE_SIZE && <Pager page={page} pageSize={PAGE_SIZE} total={res.data?.total ?? 0} onPage={setPage} />}
          </div>
          {notice && <p class="notice notice-ok" role="status" data-testid="bulk-notice">{notice}</p>}
          {edit && chosen.length > 0 && <BulkOfficial members={chosen} onDone={(ok) => { setNotice(t('due.bulkDone', { n: ok.length })); setPicked(new Set([...picked].filter((id) => !ok.includes(id)))); res.reload(); }} />}
        </>
      )}
    </div>
  );
}
