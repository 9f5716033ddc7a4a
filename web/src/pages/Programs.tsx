// Programs (chương trình) with their items on a board by status, indicators against plan and the
// same period, and the quarterly attendance of committee members (issue 17). Figures and sentences
// come from the API (src/api/programs.c), which computes them from the registry.
import { useState } from 'preact/hooks';
import { request, withQuery, type OrgRef } from '../api';
import { OrgPicker } from '../components/OrgPicker';
import { DateField, ErrorBox, errorText, Link, Loading, SelectField, TextField, useAsync } from '../components/ui';
import { formatDate, parseDate, todayIso } from '../format';
import { t, type MessageKey } from '../i18n';
import { canEdit, useUser } from '../session';

interface Program { id: number; code: string; title: string; org_id: number; steering: string; from: string; to: string }
interface Item {
  id: number; no: string; kind: string; kind_label: string; title: string; lead_agency: string; deadline: string;
  start: string; status: Status; status_label: string; overdue: boolean; history: { date: string; status: string }[];
}
interface ProgramView {
  program: Program; as_of: string; items: Item[];
  progress: { items: number; agencies: number; overdue: number; due_soon: number; sentence: string; summary: string; by_status: Record<Status, number> };
}
interface Indicator { id: number; code: string; name: string; source: string; source_label: string; unit: string }
interface IndicatorReport extends Indicator { actual: number | null; target: number | null; same_period: number | null; sentence: string }
interface AttendanceRow { assignment: number; member_id: number; member: string; org_id: number; result: 'met' | 'missed' | 'not_due'; result_label: string; visits: number }
interface Attendance { year: number; quarter: number; met: number; missed: number; not_due: number; rows: AttendanceRow[] }

type Status = 'not_started' | 'in_progress' | 'draft_submitted' | 'done';
const STATUSES: Status[] = ['not_started', 'in_progress', 'draft_submitted', 'done'];
const KINDS = ['de_tai', 'de_an', 'chuyen_de', 'ke_hoach', 'khac'];

const programApi = {
  list: () => request<{ items: Program[] }>('GET', '/api/programs'),
  show: (id: number, asOf: string) => request<ProgramView>('GET', withQuery(`/api/programs/${id}`, { as_of: asOf })),
  create: (body: unknown) => request<Program>('POST', '/api/programs', body),
  addItem: (id: number, body: unknown) => request<{ id: number }>('POST', `/api/programs/${id}/items`, body),
  setStatus: (id: number, item: number, body: unknown) => request<unknown>('POST', `/api/programs/${id}/items/${item}/status`, body),
  indicators: () => request<{ items: Indicator[] }>('GET', '/api/indicators'),
  indicatorReport: (id: number, from: string, to: string) =>
    request<IndicatorReport>('GET', withQuery(`/api/indicators/${id}/report`, { from, to })),
  attendance: (year: number, quarter: number) => request<Attendance>('GET', withQuery('/api/attendance', { year, quarter })),
};

/** dd/mm/yyyy (or ISO) as ISO, with the field's error when it is not a date. */
function dateOrError(text: string, errs: Record<string, string>, field: string, label: string): string {
  if (!text.trim()) { errs[field] = t('prog.required', { f: label }); return ''; }
  const iso = parseDate(text);
  if (!iso) errs[field] = t('prog.badDate');
  return iso ?? '';
}

function focusFirst(errs: Record<string, string>) {
  const first = Object.keys(errs)[0];
  if (first) (document.getElementById(first) as HTMLElement | null)?.focus();
}

function CreateProgram({ onDone }: { onDone: () => void }) {
  const [code, setCode] = useState('');
  const [title, setTitle] = useState('');
  const [org, setOrg] = useState<OrgRef | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    const x: Record<string, string> = {};
    if (!code.trim()) x.p_code = t('prog.required', { f: t('prog.code') });
    if (!title.trim()) x.p_title = t('prog.required', { f: t('prog.name') });
    if (!org) x.p_org = t('prog.required', { f: t('prog.org') });
    const f = dateOrError(from, x, 'p_from', t('prog.from'));
    const tt = dateOrError(to, x, 'p_to', t('prog.to'));
    setErrs(x);
    if (Object.keys(x).length) { focusFirst(x); return; }
    try {
      await programApi.create({ code: code.trim(), title: title.trim(), org_id: org!.id, from: f, to: tt });
      setNote(t('prog.created', { code: code.trim() }));
      setCode(''); setTitle('');
      onDone();
    } catch (err) {
      setErrs({ p_code: errorText(err) });
    }
  };
  return (
    <form onSubmit={submit} class="card" aria-labelledby="p_create_h" noValidate>
      <h2 id="p_create_h">{t('prog.create')}</h2>
      <TextField id="p_code" label={t('prog.code')} value={code} onInput={setCode} error={errs.p_code} required />
      <TextField id="p_title" label={t('prog.name')} value={title} onInput={setTitle} error={errs.p_title} required />
      <OrgPicker id="p_org" label={t('prog.org')} value={org} onChange={setOrg} error={errs.p_org} required form="dang_bo" />
      <DateField id="p_from" label={t('prog.from')} value={from} onInput={setFrom} error={errs.p_from} required />
      <DateField id="p_to" label={t('prog.to')} value={to} onInput={setTo} error={errs.p_to} required />
      <button type="submit">{t('prog.create')}</button>
      {note && <p role="status" class="ok-text">{note}</p>}
    </form>
  );
}

export function ProgramsPage() {
  const user = useUser();
  const [tick, setTick] = useState(0);
  const list = useAsync(() => programApi.list(), [tick]);
  return (
    <section aria-labelledby="programs_h">
      <h1 id="programs_h">{t('prog.title')}</h1>
      <p><Link href="/programs/indicators">{t('ind.title')}</Link> · <Link href="/programs/attendance">{t('att.title')}</Link></p>
      {list.loading && <Loading />}
      {list.error != null && <ErrorBox error={list.error} onRetry={list.reload} />}
      {list.data && (list.data.items.length === 0 ? <p>{t('prog.none')}</p> : (
        <table data-testid="programs">
          <thead><tr><th scope="col">{t('prog.code')}</th><th scope="col">{t('prog.name')}</th><th scope="col">{t('prog.period')}</th></tr></thead>
          <tbody>
            {list.data.items.map((p) => (
              <tr key={p.id}>
                <td><Link href={`/programs/${p.id}`}>{p.code}</Link></td>
                <td>{p.title}</td>
                <td>{formatDate(p.from)} – {formatDate(p.to)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      {canEdit(user) && <CreateProgram onDone={() => setTick(tick + 1)} />}
    </section>
  );
}

function StatusForm({ programId, item, onDone }: { programId: number; item: Item; onDone: (msg: string) => void }) {
  const next = STATUSES.filter((s) => s !== item.status);
  const [status, setStatus] = useState<string>(next[0]);
  const [date, setDate] = useState('');
  const [err, setErr] = useState('');
  const id = `st_${item.id}`;
  const submit = async (e: Event) => {
    e.preventDefault();
    const x: Record<string, string> = {};
    const iso = date.trim() ? dateOrError(date, x, `${id}_date`, t('prog.statusDate')) : todayIso();
    if (Object.keys(x).length) { setErr(Object.values(x)[0]); focusFirst(x); return; }
    try {
      await programApi.setStatus(programId, item.id, { status, date: iso });
      setErr('');
      onDone(t('prog.statusSaved', { s: t(`prog.col.${status}` as MessageKey), no: item.no }));
    } catch (e2) {
      setErr(errorText(e2));
    }
  };
  return (
    <form onSubmit={submit} class="inline-form" aria-label={`${t('prog.setStatus')}: ${item.no}`} noValidate>
      <SelectField id={`${id}_status`} label={t('prog.status')} value={status} onChange={setStatus}
        options={next.map((s) => [s, t(`prog.col.${s}` as MessageKey)])} />
      <DateField id={`${id}_date`} label={t('prog.statusDate')} value={date} onInput={setDate} error={err || undefined} />
      <button type="submit">{t('prog.save')}</button>
    </form>
  );
}

function AddItem({ programId, onDone }: { programId: number; onDone: (msg: string) => void }) {
  const [no, setNo] = useState('');
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState('de_an');
  const [lead, setLead] = useState('');
  const [start, setStart] = useState('');
  const [deadline, setDeadline] = useState('');
  const [errs, setErrs] = useState<Record<string, string>>({});
  const submit = async (e: Event) => {
    e.preventDefault();
    const x: Record<string, string> = {};
    if (!no.trim()) x.i_no = t('prog.required', { f: t('prog.itemNo') });
    if (!title.trim()) x.i_title = t('prog.required', { f: t('prog.itemTitle') });
    if (!lead.trim()) x.i_lead = t('prog.required', { f: t('prog.lead') });
    const s = dateOrError(start, x, 'i_start', t('prog.start'));
    const d = dateOrError(deadline, x, 'i_deadline', t('prog.deadline'));
    setErrs(x);
    if (Object.keys(x).length) { focusFirst(x); return; }
    try {
      await programApi.addItem(programId, { no: no.trim(), title: title.trim(), kind, lead_agency: lead.trim(), start: s, deadline: d });
      onDone(t('prog.itemAdded', { no: no.trim() }));
      setNo(''); setTitle('');
    } catch (err) {
      const field = (err as { field?: string }).field;
      const key = field === 'deadline' ? 'i_deadline' : field === 'start' ? 'i_start' : 'i_no';
      const y = { [key]: errorText(err) };
      setErrs(y);
      focusFirst(y);
    }
  };
  return (
    <form onSubmit={submit} class="card" aria-labelledby="i_add_h" noValidate>
      <h2 id="i_add_h">{t('prog.addItem')}</h2>
      <TextField id="i_no" label={t('prog.itemNo')} value={no} onInput={setNo} error={errs.i_no} required />
      <TextField id="i_title" label={t('prog.itemTitle')} value={title} onInput={setTitle} error={errs.i_title} required />
      <SelectField id="i_kind" label={t('prog.kind')} value={kind} onChange={setKind} options={KINDS.map((k) => [k, t(`prog.kind.${k}` as MessageKey)])} />
      <TextField id="i_lead" label={t('prog.lead')} value={lead} onInput={setLead} error={errs.i_lead} required />
      <DateField id="i_start" label={t('prog.start')} value={start} onInput={setStart} error={errs.i_start} required />
      <DateField id="i_deadline" label={t('prog.deadline')} value={deadline} onInput={setDeadline} error={errs.i_deadline} required />
      <button type="submit">{t('prog.addItem')}</button>
    </form>
  );
}

/** The board: one column per status on the chosen day, overdue items marked. */
export function ProgramPage({ id, asOf }: { id: number; asOf: string | null }) {
  const user = useUser();
  const [day, setDay] = useState(asOf ? formatDate(asOf) : '');
  const [shown, setShown] = useState(asOf ?? todayIso());
  const [tick, setTick] = useState(0);
  const [notice, setNotice] = useState('');
  const [dayErr, setDayErr] = useState('');
  const view = useAsync(() => programApi.show(id, shown), [id, shown, tick]);
  const apply = (e: Event) => {
    e.preventDefault();
    const iso = day.trim() ? parseDate(day) : todayIso();
    if (!iso) { setDayErr(t('prog.badDate')); return; }
    setDayErr('');
    setShown(iso);
  };
  const done = (msg: string) => { setNotice(msg); setTick(tick + 1); };
  if (view.loading && !view.data) return <Loading />;
  if (view.error != null) return <ErrorBox error={view.error} onRetry={view.reload} />;
  const v = view.data!;
  return (
    <section aria-labelledby="program_h">
      <p><Link href="/programs">{t('prog.title')}</Link></p>
      <h1 id="program_h">{v.program.code} — {v.program.title}</h1>
      <form onSubmit={apply} class="inline-form" noValidate>
        <DateField id="as_of" label={t('prog.asOf')} value={day} onInput={setDay} error={dayErr || undefined} />
        <button type="submit">{t('prog.show')}</button>
      </form>
      <h2>{t('prog.summary')} ({formatDate(v.as_of)})</h2>
      <p data-testid="program-summary">{v.progress.summary}</p>
      <p data-testid="program-sentence">{v.progress.sentence}</p>
      {notice && <p role="status" class="ok-text">{notice}</p>}
      <div class="board" data-testid="board">
        {STATUSES.map((s) => (
          <section key={s} class="board-col" aria-labelledby={`col_${s}`} data-testid={`col-${s}`}>
            <h3 id={`col_${s}`}>{t(`prog.col.${s}` as MessageKey)} ({v.items.filter((i) => i.status === s).length})</h3>
            <ul>
              {v.items.filter((i) => i.status === s).map((i) => (
                <li key={i.id} class={i.overdue ? 'card overdue' : 'card'} data-testid={`item-${i.no}`}>
                  <strong>{i.no}. {i.title}</strong>
                  <div>{t('prog.lead')}: {i.lead_agency}</div>
                  <div>{t('prog.deadline')}: {formatDate(i.deadline)}{i.overdue && <span class="badge badge-warn">{t('prog.overdue')}</span>}</div>
                  {canEdit(user) && (
                    <details>
                      <summary>{t('prog.setStatus')}</summary>
                      <StatusForm programId={id} item={i} onDone={done} />
                    </details>
                  )}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      {canEdit(user) && <AddItem programId={id} onDone={done} />}
    </section>
  );
}

function IndicatorRow({ ind, from, to }: { ind: Indicator; from: string; to: string }) {
  const r = useAsync(() => programApi.indicatorReport(ind.id, from, to), [ind.id, from, to]);
  return (
    <tr data-testid={`indicator-${ind.code}`}>
      <td>{ind.name}</td>
      <td>{ind.source_label}</td>
      <td>{r.loading ? '…' : r.error != null ? errorText(r.error) : r.data?.sentence}</td>
    </tr>
  );
}

export function IndicatorsPage() {
  const year = new Date().getFullYear();
  const [from, setFrom] = useState(`01/01/${year}`);
  const [to, setTo] = useState(formatDate(todayIso()));
  const [period, setPeriod] = useState<[string, string]>([`${year}-01-01`, todayIso()]);
  const [errs, setErrs] = useState<Record<string, string>>({});
  const list = useAsync(() => programApi.indicators(), []);
  const apply = (e: Event) => {
    e.preventDefault();
    const x: Record<string, string> = {};
    const f = dateOrError(from, x, 'ind_from', t('prog.from'));
    const tt = dateOrError(to, x, 'ind_to', t('prog.to'));
    setErrs(x);
    if (Object.keys(x).length) { focusFirst(x); return; }
    setPeriod([f, tt]);
  };
  return (
    <section aria-labelledby="ind_h">
      <p><Link href="/programs">{t('prog.title')}</Link></p>
      <h1 id="ind_h">{t('ind.title')}</h1>
      <form onSubmit={apply} class="inline-form" aria-label={t('ind.period')} noValidate>
        <DateField id="ind_from" label={t('prog.from')} value={from} onInput={setFrom} error={errs.ind_from} />
        <DateField id="ind_to" label={t('prog.to')} value={to} onInput={setTo} error={errs.ind_to} />
        <button type="submit">{t('ind.show')}</button>
      </form>
      {list.loading && <Loading />}
      {list.error != null && <ErrorBox error={list.error} onRetry={list.reload} />}
      {list.data && (list.data.items.length === 0 ? <p>{t('ind.none')}</p> : (
        <table data-testid="indicators">
          <thead><tr><th scope="col">{t('ind.name')}</th><th scope="col">{t('ind.source')}</th><th scope="col">{t('ind.result')}</th></tr></thead>
          <tbody>{list.data.items.map((i) => <IndicatorRow key={i.id} ind={i} from={period[0]} to={period[1]} />)}</tbody>
        </table>
      ))}
    </section>
  );
}

export function AttendancePage() {
  const now = new Date();
  const [year, setYear] = useState(String(now.getFullYear()));
  const [quarter, setQuarter] = useState(String(Math.floor(now.getMonth() / 3) + 1));
  const [shown, setShown] = useState<[number, number]>([now.getFullYear(), Math.floor(now.getMonth() / 3) + 1]);
  const r = useAsync(() => programApi.attendance(shown[0], shown[1]), [shown[0], shown[1]]);
  const apply = (e: Event) => { e.preventDefault(); setShown([Number(year), Number(quarter)]); };
  const years = Array.from({ length: 8 }, (_, k) => String(now.getFullYear() - k));
  return (
    <section aria-labelledby="att_h">
      <p><Link href="/programs">{t('prog.title')}</Link></p>
      <h1 id="att_h">{t('att.title')}</h1>
      <form onSubmit={apply} class="inline-form" noValidate>
        <SelectField id="att_year" label={t('att.year')} value={year} onChange={setYear} options={years.map((y) => [y, y])} />
        <SelectField id="att_quarter" label={t('att.quarter')} value={quarter} onChange={setQuarter} options={['1', '2', '3', '4'].map((q) => [q, q])} />
        <button type="submit">{t('ind.show')}</button>
      </form>
      {r.loading && <Loading />}
      {r.error != null && <ErrorBox error={r.error} onRetry={r.reload} />}
      {r.data && (
        <>
          <p data-testid="attendance-totals">{t('att.totals', { q: r.data.quarter, y: r.data.year, met: r.data.met, missed: r.data.missed, notDue: r.data.not_due })}</p>
          {r.data.rows.length === 0 ? <p>{t('att.none')}</p> : (
            <table data-testid="attendance">
              <thead><tr><th scope="col">{t('att.member')}</th><th scope="col">{t('att.org')}</th><th scope="col">{t('att.result')}</th><th scope="col">{t('att.visits')}</th></tr></thead>
              <tbody>
                {r.data.rows.map((x) => (
                  <tr key={x.assignment} class={x.result === 'missed' ? 'warn' : undefined}>
                    <td>{x.member}</td><td><Link href={`/orgs/${x.org_id}`}>#{x.org_id}</Link></td><td>{x.result_label}</td><td>{x.visits}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
