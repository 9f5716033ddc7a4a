// Corrections of a member's record and events (PATCH /api/members/{id}, POST …/events/{eid}/correct
// and …/cancel): a correction is not a life event; the reason is required; the changes are shown
// before and after, in the confirmation and in the member's correction history.
import { useState } from 'preact/hooks';
import { api, request, type MemberDetail, type MemberEvent } from '../api';
import { ConfirmDialog, DateField, ErrorBox, errorText, Link, Loading, SelectField, TextField, useAsync } from '../components/ui';
import { formatDate, parseDate } from '../format';
import { label, t, type MessageKey } from '../i18n';
import { eventTitle } from '../member';
import { navigate } from '../router';

type Kind = 'text' | 'date' | 'gender' | 'theory';
export const CORRECT_FIELDS: { key: keyof MemberDetail & string; label: MessageKey; kind: Kind }[] = [
  { key: 'full_name', label: 'member.fullName', kind: 'text' },
  { key: 'gender', label: 'member.gender', kind: 'gender' },
  { key: 'birth_date', label: 'member.birthDate', kind: 'date' },
  { key: 'ethnicity', label: 'member.ethnicity', kind: 'text' },
  { key: 'religion', label: 'member.religion', kind: 'text' },
  { key: 'hometown', label: 'member.hometown', kind: 'text' },
  { key: 'national_id', label: 'member.nationalId', kind: 'text' },
  { key: 'education', label: 'member.education', kind: 'text' },
  { key: 'professional_level', label: 'member.professional', kind: 'text' },
  { key: 'theory_level', label: 'member.theory', kind: 'theory' },
  { key: 'party_card_no', label: 'member.partyCard', kind: 'text' },
];

function shown(kind: Kind, v: string): string {
  if (!v) return '—';
  if (kind === 'date') return formatDate(v);
  if (kind === 'gender') return label('gender', v);
  if (kind === 'theory') return label('theory', v);
  return v;
}

export interface Change { field: string; label: string; before: string; after: string }

/** The fields whose value differs, with both values as the board reads them. */
export function diffRecord(m: Record<string, unknown>, values: Record<string, string>): Change[] {
  const out: Change[] = [];
  for (const f of CORRECT_FIELDS) {
    const was = String(m[f.key] ?? '');
    const now = f.kind === 'date' ? (parseDate(values[f.key] ?? '') ?? values[f.key] ?? '') : (values[f.key] ?? '').trim();
    if (now !== was) out.push({ field: f.key, label: t(f.label), before: shown(f.kind, was), after: shown(f.kind, now) });
  }
  return out;
}

function ChangeTable({ changes }: { changes: Change[] }) {
  return (
    <div class="table-wrap">
      <table data-testid="change-table">
        <thead><tr><th scope="col">{t('corr.field')}</th><th scope="col">{t('corr.before')}</th><th scope="col">{t('corr.after')}</th></tr></thead>
        <tbody>{changes.map((c) => <tr key={c.field} data-field={c.field}><th scope="row">{c.label}</th><td>{c.before}</td><td><strong>{c.after}</strong></td></tr>)}</tbody>
      </table>
    </div>
  );
}

function CorrectForm({ m }: { m: MemberDetail }) {
  const init = Object.fromEntries(CORRECT_FIELDS.map((f) => [f.key, f.kind === 'date' ? (m[f.key] ? formatDate(String(m[f.key])) : '') : String(m[f.key] ?? '')]));
  const [v, setV] = useState<Record<string, string>>(init);
  const [reason, setReason] = useState('');
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState('');
  const [ask, setAsk] = useState(false);
  const [busy, setBusy] = useState(false);
  const changes = diffRecord(m as unknown as Record<string, unknown>, v);
  const set = (k: string) => (x: string) => setV({ ...v, [k]: x });
  const submit = (e: Event) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    for (const f of CORRECT_FIELDS) if (f.kind === 'date' && v[f.key].trim() && !parseDate(v[f.key])) next[f.key] = t('err.date');
    if (!reason.trim()) next.reason = t('corr.reasonRequired');
    if (changes.length === 0) setGeneral(t('corr.nothing'));
    else setGeneral('');
    setErrs(next);
    const first = Object.keys(next)[0];
    if (first) { document.getElementById(`c_${first === 'reason' ? 'reason' : first}`)?.focus(); return; }
    if (changes.length) setAsk(true);
  };
  const send = async () => {
    const body: Record<string, string> = { reason: reason.trim() };
    for (const c of changes) {
      const f = CORRECT_FIELDS.find((x) => x.key === c.field)!;
      body[c.field] = f.kind === 'date' ? parseDate(v[c.field]) ?? '' : v[c.field].trim();
    }
    setBusy(true);
    try {
      await request('PATCH', `/api/members/${m.id}`, body);
      navigate(`/members/${m.id}?corrected=1`);
    } catch (err) {
      const fld = (err as { field?: string }).field ?? '';
      if (fld && CORRECT_FIELDS.some((f) => f.key === fld)) { setErrs({ [fld]: errorText(err) }); document.getElementById(`c_${fld}`)?.focus(); }
      else setGeneral(errorText(err));
    } finally {
      setBusy(false);
      setAsk(false);
    }
  };
  return (
    <form class="card form" onSubmit={submit} noValidate data-testid="correct-form">
      <h1>{t('corr.title')}</h1>
      <p class="lead"><Link href={`/members/${m.id}`}>{m.full_name}</Link></p>
      <p class="hint">{t('corr.intro')}</p>
      {general && <p class="notice notice-error" role="alert" data-testid="form-error">{general}</p>}
      {CORRECT_FIELDS.map((f) => f.kind === 'date'
        ? <DateField key={f.key} id={`c_${f.key}`} label={t(f.label)} value={v[f.key]} onInput={set(f.key)} error={errs[f.key]} />
        : f.kind === 'gender'
          ? <SelectField key={f.key} id={`c_${f.key}`} label={t(f.label)} value={v[f.key]} onChange={set(f.key)} error={errs[f.key]} options={[['nam', label('gender', 'nam')], ['nu', label('gender', 'nu')]]} />
          : f.kind === 'theory'
            ? <SelectField key={f.key} id={`c_${f.key}`} label={t(f.label)} value={v[f.key]} onChange={set(f.key)} error={errs[f.key]} options={['none', 'so_cap', 'trung_cap', 'cao_cap', 'cu_nhan'].map((k) => [k, label('theory', k)])} />
            : <TextField key={f.key} id={`c_${f.key}`} label={t(f.label)} value={v[f.key]} onInput={set(f.key)} error={errs[f.key]} />)}
      <TextField id="c_reason" label={t('corr.reason')} value={reason} onInput={setReason} error={errs.reason} required />
      {changes.length > 0 && <><h2>{t('corr.preview')}</h2><ChangeTable changes={changes} /></>}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>{t('corr.save')}</button>
        <Link class="button" href={`/members/${m.id}`}>{t('form.cancel')}</Link>
      </div>
      <ConfirmDialog open={ask} busy={busy} title={t('corr.confirmTitle')} message={t('corr.confirm', { name: m.full_name, reason: reason.trim() })}
        onConfirm={() => void send()} onCancel={() => setAsk(false)}>
        <ChangeTable changes={changes} />
      </ConfirmDialog>
    </form>
  );
}

export function CorrectPage({ id }: { id: number }) {
  const res = useAsync(() => api.member(id), [id]);
  if (res.error) return <ErrorBox error={res.error} onRetry={res.reload} />;
  if (!res.data) return <Loading />;
  return <CorrectForm m={res.data} />;
}

function EventForm({ m, ev }: { m: MemberDetail; ev: MemberEvent }) {
  const [date, setDate] = useState(formatDate(ev.date));
  const [no, setNo] = useState(ev.decision_no ?? '');
  const [reason, setReason] = useState('');
  const [cancel, setCancel] = useState(false);
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState('');
  const [ask, setAsk] = useState(false);
  const [busy, setBusy] = useState(false);
  const iso = parseDate(date);
  const changes: Change[] = cancel ? [{ field: 'cancel', label: t('corr.cancelEvent'), before: eventTitle(ev), after: t('corr.cancelled') }] : [
    ...(iso && iso !== ev.date ? [{ field: 'date', label: t('corr.eventDate'), before: formatDate(ev.date), after: formatDate(iso) }] : []),
    ...(no.trim() !== (ev.decision_no ?? '') ? [{ field: 'decision_no', label: t('col.decision'), before: ev.decision_no || '—', after: no.trim() || '—' }] : []),
  ];
  const submit = (e: Event) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!cancel && !iso) next.date = t('err.date');
    if (!reason.trim()) next.reason = t('corr.reasonRequired');
    setErrs(next);
    setGeneral(changes.length ? '' : t('corr.nothing'));
    const first = Object.keys(next)[0];
    if (first) { document.getElementById(`e_${first}`)?.focus(); return; }
    if (changes.length) setAsk(true);
  };
  const send = async () => {
    setBusy(true);
    try {
      if (cancel) await request('POST', `/api/members/${m.id}/events/${ev.id}/cancel`, { reason: reason.trim() });
      else {
        const body: Record<string, string> = { reason: reason.trim() };
        for (const c of changes) body[c.field] = c.field === 'date' ? iso! : no.trim();
        await request('POST', `/api/members/${m.id}/events/${ev.id}/correct`, body);
      }
      navigate(`/members/${m.id}?corrected=1`);
    } catch (err) {
      setGeneral(errorText(err));
    } finally {
      setBusy(false);
      setAsk(false);
    }
  };
  return (
    <form class="card form" onSubmit={submit} noValidate data-testid="event-correct-form">
      <h1>{t('corr.eventTitle')}</h1>
      <p class="lead"><Link href={`/members/${m.id}`}>{m.full_name}</Link> — {eventTitle(ev)} ({formatDate(ev.date)})</p>
      {general && <p class="notice notice-error" role="alert" data-testid="form-error">{general}</p>}
      <label class="radio"><input type="checkbox" checked={cancel} onChange={(e) => setCancel((e.currentTarget as HTMLInputElement).checked)} data-testid="event-cancel" /> {t('corr.cancelEvent')}</label>
      {!cancel && <>
        <DateField id="e_date" label={t('corr.eventDate')} value={date} onInput={setDate} error={errs.date} />
        <TextField id="e_decision_no" label={t('col.decision')} value={no} onInput={setNo} />
      </>}
      <TextField id="e_reason" label={t('corr.reason')} value={reason} onInput={setReason} error={errs.reason} required />
      {changes.length > 0 && <><h2>{t('corr.preview')}</h2><ChangeTable changes={changes} /></>}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>{t('corr.save')}</button>
        <Link class="button" href={`/members/${m.id}`}>{t('form.cancel')}</Link>
      </div>
      <ConfirmDialog open={ask} busy={busy} title={t('corr.confirmTitle')} message={t('corr.confirm', { name: m.full_name, reason: reason.trim() })}
        onConfirm={() => void send()} onCancel={() => setAsk(false)}>
        <ChangeTable changes={changes} />
      </ConfirmDialog>
    </form>
  );
}

export function EventCorrectPage({ id, eventId }: { id: number; eventId: number }) {
  const res = useAsync(() => api.member(id), [id]);
  if (res.error) return <ErrorBox error={res.error} onRetry={res.reload} />;
  if (!res.data) return <Loading />;
  const ev = (res.data.events ?? []).find((e) => e.id === eventId);
  if (!ev) return <ErrorBox error={new Error(t('corr.noEvent'))} />;
  return <EventForm m={res.data} ev={ev} />;
}

interface Correction { id: number; action: string; reason: string; by: string; at: string; event_id: number | null; before: Record<string, unknown> | null; after: Record<string, unknown> | null }

/** The member's corrections: when, who, why, and each changed value before and after. */
export function CorrectionHistory({ id }: { id: number }) {
  const res = useAsync(() => request<{ items: Correction[] }>('GET', `/api/members/${id}/corrections`), [id]);
  const items = res.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="m-corr" data-testid="corrections">
      <h2 id="m-corr">{t('corr.history')}</h2>
      <ol class="timeline">
        {items.map((c) => {
          const keys = [...new Set([...Object.keys(c.before ?? {}), ...Object.keys(c.after ?? {})])];
          return (
            <li key={c.id}>
              <time dateTime={c.at}>{formatDate(c.at.slice(0, 10))}</time>
              <div>
                <strong>{c.event_id ? t('corr.eventTitle') : t('corr.title')}</strong> <span class="muted">· {c.by}</span>
                <div>{t('corr.reason')}: {c.reason}</div>
                <ul class="plain-list">
                  {keys.map((k) => {
                    const f = CORRECT_FIELDS.find((x) => x.key === k);
                    const fmt = (x: unknown) => (x === null || x === undefined || x === '' ? '—' : f ? shown(f.kind, String(x)) : /^\d{4}-\d{2}-\d{2}$/.test(String(x)) ? formatDate(String(x)) : typeof x === 'object' ? JSON.stringify(x) : String(x));
                    return <li key={k} data-corr-field={k}>{f ? t(f.label) : k}: {fmt(c.before?.[k])} → <strong>{fmt(c.after?.[k])}</strong></li>;
                  })}
                </ul>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
