// Letters of complaint, denunciation and report (đơn thư khiếu nại, tố cáo, phản ánh; issue 16):
// the period's list with the overdue ones, intake, and one letter's steps (classify, assign,
// result, notice). Who wrote a letter is never in the list or the letter: only an account with
// the inspection permission asks for it (POST /api/complaints/{id}/identity, audited by the
// server); others see that it is protected. Rules and figures come from src/api/complaint.c.
import { useState } from 'preact/hooks';
import { request, withQuery } from '../api';
import { DateField, ErrorBox, errorText, Link, Loading, SelectField, TextField, useAsync } from '../components/ui';
import { formatDate, parseDate, todayIso } from '../format';
import { t, type MessageKey } from '../i18n';
import { canEdit, useUser } from '../session';

interface Letter {
  id: number; kind: string; kind_label: string; handling_org_id: number; received_on: string;
  subject_member_id: number | null; subject_org_id: number | null; summary: string; named: boolean;
  classification: string; classified_on: string | null; assignee: string; due: string | null; overdue: boolean;
  result: string; result_label: string; resolved_on: string | null; resolution: string;
  notified_on: string | null; notice_no: string; status: string; status_label: string;
}
interface Identity { id: number; named: boolean; name: string; address: string; contact: string }

const complaintApi = {
  list: (from: string, to: string) => request<{ items: Letter[] }>('GET', withQuery('/api/complaints', { from, to })),
  overdue: () => request<{ items: (Letter & { days_late: number })[] }>('GET', '/api/complaints/overdue'),
  show: (id: number) => request<Letter>('GET', `/api/complaints/${id}`),
  add: (body: unknown) => request<Letter>('POST', '/api/complaints', body),
  step: (id: number, step: string, body: unknown) => request<Letter>('POST', `/api/complaints/${id}/${step}`, body),
  identity: (id: number) => request<Identity>('POST', `/api/complaints/${id}/identity`, {}),
};

const KINDS = ['to_cao', 'khieu_nai', 'phan_anh'];
const CLASSES = ['accepted', 'forwarded', 'filed'];
const RESULTS = ['dung', 'mot_phan', 'sai'];

function hasInspection(user: { permissions?: string[] }): boolean {
  return (user.permissions ?? []).includes('inspection');
}

/** dd/mm/yyyy (empty: today) as ISO, or the field's error. */
function dayOr(text: string, errs: Record<string, string>, field: string): string {
  if (!text.trim()) return todayIso();
  const iso = parseDate(text);
  if (!iso) errs[field] = t('cpl.badDate');
  return iso ?? '';
}

function Intake({ onDone }: { onDone: (l: Letter) => void }) {
  const user = useUser();
  const [kind, setKind] = useState('to_cao');
  const [received, setReceived] = useState('');
  const [member, setMember] = useState('');
  const [summary, setSummary] = useState('');
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [contact, setContact] = useState('');
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    const x: Record<string, string> = {};
    const day = dayOr(received, x, 'c_received');
    const mid = member.trim() ? Number(member.trim()) : 0;
    if (member.trim() && !(Number.isInteger(mid) && mid > 0)) x.c_member = t('cpl.badId');
    setErrs(x);
    if (Object.keys(x).length) { (document.getElementById(Object.keys(x)[0]) as HTMLElement | null)?.focus(); return; }
    const body: Record<string, unknown> = { kind, handling_org_id: user.scope.id, received_on: day, summary: summary.trim() };
    if (mid) body.subject_member_id = mid;
    if (name.trim()) body.name = name.trim();
    if (address.trim()) body.address = address.trim();
    if (contact.trim()) body.contact = contact.trim();
    try {
      const l = await complaintApi.add(body);
      setNote(t('cpl.received.ok', { id: String(l.id) }));
      setSummary(''); setName(''); setAddress(''); setContact(''); setMember('');
      onDone(l);
    } catch (err) {
      const f = (err as { field?: string }).field;
      const key = f === 'received_on' ? 'c_received' : f === 'subject_member_id' ? 'c_member' : f === 'name' ? 'c_name' : 'c_summary';
      setErrs({ [key]: errorText(err) });
    }
  };
  return (
    <form onSubmit={submit} class="card" aria-labelledby="c_intake_h" noValidate data-testid="intake">
      <h2 id="c_intake_h">{t('cpl.receive')}</h2>
      <SelectField id="c_kind" label={t('cpl.kind')} value={kind} onChange={setKind} options={KINDS.map((k) => [k, t(`cpl.kind.${k}` as MessageKey)])} />
      <DateField id="c_received" label={t('cpl.received')} value={received} onInput={setReceived} error={errs.c_received} />
      <TextField id="c_member" label={t('cpl.subjectMember')} value={member} onInput={setMember} error={errs.c_member} inputMode="numeric" />
      <TextField id="c_summary" label={t('cpl.summary')} value={summary} onInput={setSummary} error={errs.c_summary} />
      <fieldset>
        <legend>{t('cpl.writer')}</legend>
        <p class="hint">{t('cpl.protected')}</p>
        <TextField id="c_name" label={t('cpl.name')} value={name} onInput={setName} error={errs.c_name} autoComplete="off" />
        <TextField id="c_address" label={t('cpl.address')} value={address} onInput={setAddress} autoComplete="off" />
        <TextField id="c_contact" label={t('cpl.contact')} value={contact} onInput={setContact} autoComplete="off" />
      </fieldset>
      <button type="submit">{t('cpl.receive')}</button>
      {note && <p role="status" class="ok-text">{note}</p>}
    </form>
  );
}

function LetterRows({ items, testid }: { items: Letter[]; testid: string }) {
  return (
    <table data-testid={testid}>
      <thead><tr>
        <th scope="col">{t('cpl.no')}</th><th scope="col">{t('cpl.kind')}</th><th scope="col">{t('cpl.received')}</th>
        <th scope="col">{t('cpl.status')}</th><th scope="col">{t('cpl.due')}</th>
      </tr></thead>
      <tbody>
        {items.map((l) => (
          <tr key={l.id} data-testid={`letter-${l.id}`}>
            <td><Link href={`/complaints/${l.id}`}>#{l.id}</Link></td>
            <td>{l.kind_label}</td>
            <td>{formatDate(l.received_on)}</td>
            <td>{l.status_label}</td>
            <td>{formatDate(l.due)}{l.overdue && <span class="badge badge-warn">{t('cpl.overdue')}</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ComplaintsPage() {
  const user = useUser();
  const year = new Date().getFullYear();
  const [from, setFrom] = useState(`01/01/${year}`);
  const [to, setTo] = useState(formatDate(todayIso()));
  const [period, setPeriod] = useState<[string, string]>([`${year}-01-01`, todayIso()]);
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [tick, setTick] = useState(0);
  const list = useAsync(() => complaintApi.list(period[0], period[1]), [period[0], period[1], tick]);
  const overdue = useAsync(() => complaintApi.overdue(), [tick]);
  const apply = (e: Event) => {
    e.preventDefault();
    const x: Record<string, string> = {};
    const f = parseDate(from), tt = parseDate(to);
    if (!f) x.c_from = t('cpl.badDate');
    if (!tt) x.c_to = t('cpl.badDate');
    setErrs(x);
    if (f && tt) setPeriod([f, tt]);
  };
  return (
    <section aria-labelledby="complaints_h">
      <h1 id="complaints_h">{t('cpl.title')}</h1>
      <form onSubmit={apply} class="inline-form" noValidate>
        <DateField id="c_from" label={t('cpl.from')} value={from} onInput={setFrom} error={errs.c_from} />
        <DateField id="c_to" label={t('cpl.to')} value={to} onInput={setTo} error={errs.c_to} />
        <button type="submit">{t('cpl.show')}</button>
      </form>
      {list.loading && !list.data && <Loading />}
      {list.error != null && <ErrorBox error={list.error} onRetry={list.reload} />}
      {list.data && (list.data.items.length === 0 ? <p>{t('cpl.none')}</p> : <LetterRows items={list.data.items} testid="letters" />)}
      <h2>{t('cpl.overdueTitle')}</h2>
      {overdue.data && (overdue.data.items.length === 0 ? <p>{t('cpl.noOverdue')}</p> : <LetterRows items={overdue.data.items} testid="overdue" />)}
      {canEdit(user) && <Intake onDone={() => setTick(tick + 1)} />}
    </section>
  );
}

function StepForm({ id, step, title, fields, onDone }: {
  id: number; step: string; title: string;
  fields: { key: string; label: string; options?: string[]; prefix?: string; date?: boolean }[];
  onDone: (l: Letter, what: string) => void;
}) {
  const [vals, setVals] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.map((f) => [f.key, f.options ? f.options[0] : ''])));
  const [err, setErr] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    const body: Record<string, string> = {};
    const x: Record<string, string> = {};
    for (const f of fields) {
      const v = vals[f.key].trim();
      if (f.date) body[f.key] = dayOr(v, x, `${step}_${f.key}`);
      else if (v) body[f.key] = v;
    }
    if (Object.keys(x).length) { setErr(Object.values(x)[0]); return; }
    try {
      const l = await complaintApi.step(id, step, body);
      setErr('');
      onDone(l, title);
    } catch (e2) {
      setErr(errorText(e2));
    }
  };
  return (
    <form onSubmit={submit} class="card" aria-label={title} data-testid={`step-${step}`} noValidate>
      <h3>{title}</h3>
      {fields.map((f) => {
        const fid = `${step}_${f.key}`;
        const set = (v: string) => setVals({ ...vals, [f.key]: v });
        if (f.options) return <SelectField key={fid} id={fid} label={f.label} value={vals[f.key]} onChange={set} options={f.options.map((o) => [o, t(`${f.prefix}${o}` as MessageKey)])} />;
        if (f.date) return <DateField key={fid} id={fid} label={f.label} value={vals[f.key]} onInput={set} />;
        return <TextField key={fid} id={fid} label={f.label} value={vals[f.key]} onInput={set} />;
      })}
      {err && <p class="error-text" role="alert">{err}</p>}
      <button type="submit">{t('cpl.save')}</button>
    </form>
  );
}

function Writer({ letter }: { letter: Letter }) {
  const user = useUser();
  const [who, setWho] = useState<Identity | null>(null);
  const [err, setErr] = useState('');
  const reveal = async () => {
    try {
      setWho(await complaintApi.identity(letter.id));
      setErr('');
    } catch (e) {
      setErr(errorText(e));
    }
  };
  return (
    <section aria-labelledby="writer_h" class="card" data-testid="writer">
      <h2 id="writer_h">{t('cpl.writer')}</h2>
      <p>{letter.named ? t('cpl.named') : t('cpl.anonymous')}</p>
      {!hasInspection(user) && <p data-testid="writer-protected">{t('cpl.protected')}</p>}
      {hasInspection(user) && letter.named && !who && <button type="button" onClick={reveal} data-testid="reveal">{t('cpl.reveal')}</button>}
      {who && (
        <dl data-testid="writer-identity">
          <dt>{t('cpl.name')}</dt><dd>{who.name}</dd>
          <dt>{t('cpl.address')}</dt><dd>{who.address}</dd>
          <dt>{t('cpl.contact')}</dt><dd>{who.contact}</dd>
        </dl>
      )}
      {err && <p class="error-text" role="alert">{err}</p>}
    </section>
  );
}

export function ComplaintPage({ id }: { id: number }) {
  const user = useUser();
  const [tick, setTick] = useState(0);
  const [notice, setNotice] = useState('');
  const view = useAsync(() => complaintApi.show(id), [id, tick]);
  if (view.loading && !view.data) return <Loading />;
  if (view.error != null) return <ErrorBox error={view.error} onRetry={view.reload} />;
  const l = view.data!;
  const done = (_: Letter, what: string) => { setNotice(t('cpl.saved', { s: what })); setTick(tick + 1); };
  const date = { key: 'date', label: t('cpl.date'), date: true };
  const edit = canEdit(user);
  return (
    <section aria-labelledby="letter_h">
      <p><Link href="/complaints">{t('cpl.back')}</Link></p>
      <h1 id="letter_h">{l.kind_label} #{l.id}</h1>
      <dl class="facts" data-testid="letter">
        <dt>{t('cpl.received')}</dt><dd>{formatDate(l.received_on)}</dd>
        <dt>{t('cpl.subject')}</dt>
        <dd>{l.subject_member_id ? t('cpl.subjectMemberRef', { id: String(l.subject_member_id) })
          : l.subject_org_id ? t('cpl.subjectOrgRef', { id: String(l.subject_org_id) }) : '—'}</dd>
        <dt>{t('cpl.summary')}</dt><dd>{l.summary || '—'}</dd>
        <dt>{t('cpl.status')}</dt><dd data-testid="letter-status">{l.status_label}</dd>
        <dt>{t('cpl.due')}</dt><dd data-testid="letter-due">{formatDate(l.due) || '—'}{l.overdue && <span class="badge badge-warn">{t('cpl.overdue')}</span>}</dd>
        {l.assignee && <><dt>{t('cpl.assignee')}</dt><dd>{l.assignee}</dd></>}
        {l.result !== 'pending' && <><dt>{t('cpl.result')}</dt><dd data-testid="letter-result">{l.result_label} ({formatDate(l.resolved_on)})</dd></>}
        {l.notified_on && <><dt>{t('cpl.notify')}</dt><dd>{formatDate(l.notified_on)} {l.notice_no}</dd></>}
      </dl>
      {notice && <p role="status" class="ok-text">{notice}</p>}
      <Writer letter={l} />
      {edit && l.status === 'received' && (
        <StepForm id={id} step="classify" title={t('cpl.classify')} onDone={done}
          fields={[{ key: 'classification', label: t('cpl.class'), options: CLASSES, prefix: 'cpl.class.' }, date, { key: 'note', label: t('cpl.note') }]} />
      )}
      {edit && l.status === 'accepted' && (
        <StepForm id={id} step="assign" title={t('cpl.assign')} onDone={done}
          fields={[{ key: 'assignee', label: t('cpl.assignee') }, date]} />
      )}
      {edit && l.status === 'accepted' && (
        <StepForm id={id} step="resolve" title={t('cpl.resolve')} onDone={done}
          fields={[{ key: 'result', label: t('cpl.result'), options: RESULTS, prefix: 'cpl.result.' }, date, { key: 'resolution', label: t('cpl.resolution') }]} />
      )}
      {edit && l.status === 'resolved' && (
        <StepForm id={id} step="notify" title={t('cpl.notify')} onDone={done}
          fields={[date, { key: 'notice_no', label: t('cpl.noticeNo') }]} />
      )}
    </section>
  );
}
