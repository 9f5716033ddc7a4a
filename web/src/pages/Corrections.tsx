// Corrections of a member's record and events (PATCH /api/members/{id}, POST …/events/{eid}/correct
// and …/cancel): a correction is not a life event; the reason is required; the changes are shown
// before and after, in the confirmation and in the member's correction history.
import { useState } from 'preact/hooks';
import { api, request, type MemberDetail, type MemberEvent, type MemberFieldDef, type OrgRef } from '../api';
import { OrgPicker } from '../components/OrgPicker';
import { ConfirmDialog, DateField, ErrorBox, errorText, Link, Loading, SelectField, TextField, useAsync } from '../components/ui';
import { formatDate, parseDate } from '../format';
import { label, t, type MessageKey } from '../i18n';
import { eventFormText, eventTitle, fieldText } from '../member';
import { BADGE_YEARS } from '../validate';
import { navigate } from '../router';

/** The i18n key of a base field's label (the UI's own wording); the others take the table's label. */
const LABELS: Record<string, MessageKey> = {
  full_name: 'member.fullName', gender: 'member.gender', birth_date: 'member.birthDate', ethnicity: 'member.ethnicity',
  religion: 'member.religion', hometown: 'member.hometown', national_id: 'member.nationalId', education: 'member.education',
  professional_level: 'member.professional', theory_level: 'member.theory', party_card_no: 'member.partyCard',
};
export const fieldLabel = (f: MemberFieldDef): string => (LABELS[f.key] ? t(LABELS[f.key]) : f.label);

/** The options of an enumeration field: its values with the UI's labels where it has them. */
function options(f: MemberFieldDef): [string, string][] {
  return (f.values ?? []).map((v) => [v.name, fieldText(f, v.name) === v.name ? v.label : fieldText(f, v.name)]);
}

/** What a field holds in a member answer, as the form edits it (dates dd/mm/yyyy). */
function formValue(f: MemberFieldDef, v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return f.kind === 'date' && s ? formatDate(s) : s;
}

export interface Change { field: string; label: string; before: string; after: string }

/** The fields whose value differs, with both values as the board reads them. */
export function diffRecord(defs: MemberFieldDef[], m: Record<string, unknown>, values: Record<string, string>): Change[] {
  const out: Change[] = [];
  for (const f of defs) {
    const was = m[f.key] === null || m[f.key] === undefined ? '' : String(m[f.key]);
    const typed = values[f.key] ?? '';
    const now = f.kind === 'date' ? (parseDate(typed) ?? typed) : f.kind === 'enum' ? typed : typed.trim();
    if (now !== was) out.push({ field: f.key, label: fieldLabel(f), before: fieldText(f, was), after: fieldText(f, now) });
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

function FieldInput({ f, value, onInput, error }: { f: MemberFieldDef; value: string; onInput: (v: string) => void; error?: string }) {
  const id = `c_${f.key}`;
  if (f.kind === 'date') return <DateField id={id} label={fieldLabel(f)} value={value} onInput={onInput} error={error} required={f.required} />;
  if (f.kind === 'enum') return <SelectField id={id} label={fieldLabel(f)} value={value} onChange={onInput} error={error} required={f.required} options={options(f)} />;
  return <TextField id={id} label={fieldLabel(f)} value={value} onInput={onInput} error={error} required={f.required}
    inputMode={f.kind === 'text' ? undefined : 'numeric'} hint={f.max && f.kind === 'text' ? t('corr.max', { n: f.max }) : undefined} />;
}

function CorrectForm({ m, defs }: { m: MemberDetail; defs: MemberFieldDef[] }) {
  const rec = m as unknown as Record<string, unknown>;
  const init = Object.fromEntries(defs.map((f) => [f.key, formValue(f, rec[f.key])]));
  const [v, setV] = useState<Record<string, string>>(init);
  const [reason, setReason] = useState('');
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState('');
  const [ask, setAsk] = useState(false);
  const [busy, setBusy] = useState(false);
  const changes = diffRecord(defs, rec, v);
  const set = (k: string) => (x: string) => setV({ ...v, [k]: x });
  const submit = (e: Event) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    for (const f of defs) {
      const x = (v[f.key] ?? '').trim();
      if (f.kind === 'date' && x && !parseDate(x)) next[f.key] = t('err.date');
      else if (f.required && !x) next[f.key] = t('err.required');
      else if (f.kind === 'text' && f.max && [...x].length > f.max) next[f.key] = t('corr.max', { n: f.max });
    }
    if (!reason.trim()) next.reason = t('corr.reasonRequired');
    if (changes.length === 0) setGeneral(t('corr.nothing'));
    else setGeneral('');
    setErrs(next);
    const first = Object.keys(next)[0];
    if (first) { document.getElementById(`c_${first}`)?.focus(); return; }
    if (changes.length) setAsk(true);
  };
  const send = async () => {
    const body: Record<string, string> = { reason: reason.trim() };
    for (const c of changes) {
      const f = defs.find((x) => x.key === c.field)!;
      body[c.field] = f.kind === 'date' ? parseDate(v[c.field]) ?? '' : v[c.field].trim();
    }
    setBusy(true);
    try {
      await request('PATCH', `/api/members/${m.id}`, body);
      navigate(`/members/${m.id}?corrected=1`);
    } catch (err) {
      const fld = (err as { field?: string }).field ?? '';
      if (fld && defs.some((f) => f.key === fld)) { setErrs({ [fld]: errorText(err) }); document.getElementById(`c_${fld}`)?.focus(); }
      else setGeneral(errorText(err));
    } finally {
      setBusy(false);
      setAsk(false);
    }
  };
  const group = (profile: boolean, legend: MessageKey) => (
    <fieldset>
      <legend>{t(legend)}</legend>
      {defs.filter((f) => f.profile === profile).map((f) => <FieldInput key={f.key} f={f} value={v[f.key] ?? ''} onInput={set(f.key)} error={errs[f.key]} />)}
    </fieldset>
  );
  return (
    <form class="card form" onSubmit={submit} noValidate data-testid="correct-form">
      <h1>{t('corr.title')}</h1>
      <p class="lead"><Link href={`/members/${m.id}`}>{m.full_name}</Link></p>
      <p class="hint">{t('corr.intro')}</p>
      {general && <p class="notice notice-error" role="alert" data-testid="form-error">{general}</p>}
      {group(false, 'rec.basic')}
      {group(true, 'rec.phieu')}
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
  const res = useAsync(() => Promise.all([api.member(id), api.memberFields()]), [id]);
  if (res.error) return <ErrorBox error={res.error} onRetry={res.reload} />;
  if (!res.data) return <Loading />;
  return <CorrectForm m={res.data[0]} defs={res.data[1].fields} />;
}

type EvField = 'date' | 'decision_date' | 'decision_no' | 'org' | 'form' | 'until' | 'detail' | 'scope' | 'place';
/** What can be corrected of each kind of event (the store's member_event and its where). */
export const EVENT_FIELDS: Record<string, EvField[]> = {
  admit: ['date', 'decision_date', 'decision_no', 'org', 'detail'],
  official: ['decision_date', 'decision_no'],
  transfer: ['date', 'decision_date', 'decision_no', 'org', 'form', 'until', 'scope', 'place'],
  return: ['date', 'decision_no'],
  discipline: ['date', 'decision_date', 'decision_no', 'form', 'detail'],
  exempt: ['date', 'decision_no'],
  exit: ['date', 'decision_date', 'decision_no', 'form', 'detail', 'scope', 'place'],
  suspend: ['date', 'decision_no', 'detail'],
  restore: ['date', 'decision_no', 'org', 'detail'],
  badge: ['date', 'decision_no', 'form'],
  card: ['date', 'decision_no', 'form', 'detail'],
  commend: ['date', 'decision_date', 'decision_no', 'form', 'detail'],
};
const formOptions = (kind: string, current: string): [string, string][] => {
  const names: Record<string, string[]> = {
    transfer: ['official', 'temporary'], discipline: ['khien_trach', 'canh_cao', 'cach_chuc', 'khai_tru'],
    exit: ['xoa_ten', 'xin_ra', 'khai_tru', 'tu_tran', 'chuyen_di'], card: ['issued', 'reissued_lost', 'exchanged'],
    commend: ['co', 'bang_khen', 'giay_khen'], badge: BADGE_YEARS,
  };
  const list = [...(names[kind] ?? [])];
  if (current && !list.includes(current)) list.unshift(current);
  return list.map((n) => [n, eventFormText({ id: 0, date: '', kind, form: n })]);
};
const SCOPES = ['none', 'inside', 'other_district', 'other_province'];

function evLabel(kind: string, f: EvField): string {
  switch (f) {
    case 'date': return t(kind === 'admit' ? 'corr.ceremonyDate' : 'corr.eventDate');
    case 'decision_date': return t('corr.decisionDate');
    case 'decision_no': return t('col.decision');
    case 'org': return t('corr.org');
    case 'form': return t(kind === 'card' ? 'form.cardKind' : kind === 'badge' ? 'form.badgeYears' : 'corr.form');
    case 'until': return t('corr.until');
    case 'detail': return t(kind === 'card' ? 'form.cardNumber' : kind === 'commend' ? 'form.commendFor' : 'corr.detail');
    case 'scope': return t('form.scope');
    case 'place': return t('form.place');
  }
}

function EventForm({ m, ev }: { m: MemberDetail; ev: MemberEvent }) {
  const orig: Record<EvField, string> = {
    date: ev.date ? formatDate(ev.date) : '', decision_date: ev.decision_date ? formatDate(ev.decision_date) : '',
    decision_no: ev.decision_no ?? '', org: ev.org ? String(ev.org.id) : '', form: ev.form ?? '',
    until: ev.until ? formatDate(ev.until) : '', detail: ev.detail ?? '', scope: ev.scope || 'none', place: ev.place ?? '',
  };
  const [v, setV] = useState<Record<EvField, string>>(orig);
  const [org, setOrg] = useState<OrgRef | null>(ev.org ?? null);
  const [reason, setReason] = useState('');
  const [cancel, setCancel] = useState(false);
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState('');
  const [ask, setAsk] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = (k: EvField) => (x: string) => setV({ ...v, [k]: x });
  const moves = ev.kind === 'transfer' || (ev.kind === 'exit' && v.form === 'chuyen_di');
  const shownFields = (EVENT_FIELDS[ev.kind] ?? ['date', 'decision_no'])
    .filter((f) => (f === 'scope' || f === 'place' ? moves : f === 'until' ? v.form === 'temporary' || !!orig.until : true));
  const isDate = (f: EvField) => f === 'date' || f === 'decision_date' || f === 'until';
  const text = (f: EvField, x: string): string => {
    if (!x) return '—';
    if (f === 'form') return eventFormText({ ...ev, form: x });
    if (f === 'scope') return label('scope', x);
    if (f === 'org') return org && String(org.id) === x ? org.name : ev.org && String(ev.org.id) === x ? ev.org.name : x;
    return x;
  };
  const norm = (f: EvField, x: string) => (isDate(f) ? parseDate(x) ?? x.trim() : x.trim());
  const changed = shownFields.filter((f) => norm(f, v[f]) !== norm(f, orig[f]));
  const changes: Change[] = cancel ? [{ field: 'cancel', label: t('corr.cancelEvent'), before: eventTitle(ev), after: t('corr.cancelled') }]
    : changed.map((f) => ({ field: f, label: evLabel(ev.kind, f), before: text(f, orig[f]), after: text(f, v[f].trim()) }));
  const submit = (e: Event) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!cancel) for (const f of shownFields) if (isDate(f) && v[f].trim() && !parseDate(v[f])) next[f] = t('err.date');
    if (!cancel && shownFields.includes('date') && !v.date.trim()) next.date = t('err.required');
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
        const body: Record<string, string | number | null> = { reason: reason.trim() };
        for (const f of changed) {
          if (f === 'org') body.org_id = Number(v.org);
          else body[f] = isDate(f) ? parseDate(v[f]) ?? null : v[f].trim();
        }
        // what the form shows is what is kept: a decision date shown goes with a corrected date
        if (changed.includes('date') && shownFields.includes('decision_date') && !('decision_date' in body))
          body.decision_date = parseDate(v.decision_date) ?? null;
        if (body.decision_date === null) delete body.decision_date;
        await request('POST', `/api/members/${m.id}/events/${ev.id}/correct`, body);
      }
      navigate(`/members/${m.id}?corrected=1`);
    } catch (err) {
      const fld = (err as { field?: string }).field ?? '';
      const mine = fld === 'org_id' ? 'org' : fld;
      if (mine && shownFields.includes(mine as EvField)) setErrs({ [mine]: errorText(err) });
      else setGeneral(errorText(err));
    } finally {
      setBusy(false);
      setAsk(false);
    }
  };
  const input = (f: EvField) => {
    const id = `e_${f}`;
    const l = evLabel(ev.kind, f);
    if (isDate(f)) return <DateField key={f} id={id} label={l} value={v[f]} onInput={set(f)} error={errs[f]} required={f === 'date'} />;
    if (f === 'org') return <OrgPicker key={f} id={id} form="chi_bo" label={l} value={org} error={errs.org} onChange={(o) => { setOrg(o); setV({ ...v, org: o ? String(o.id) : orig.org }); }} />;
    if (f === 'form') return <SelectField key={f} id={id} label={l} value={v.form} onChange={set('form')} error={errs.form} options={formOptions(ev.kind, orig.form)} />;
    if (f === 'scope') return <SelectField key={f} id={id} label={l} value={v.scope} onChange={set('scope')} error={errs.scope} options={SCOPES.map((k) => [k, label('scope', k)])} />;
    return <TextField key={f} id={id} label={l} value={v[f]} onInput={set(f)} error={errs[f]} />;
  };
  return (
    <form class="card form" onSubmit={submit} noValidate data-testid="event-correct-form" data-kind={ev.kind}>
      <h1>{t('corr.eventTitle')}</h1>
      <p class="lead"><Link href={`/members/${m.id}`}>{m.full_name}</Link> — {eventTitle(ev)} ({formatDate(ev.date)})</p>
      {general && <p class="notice notice-error" role="alert" data-testid="form-error">{general}</p>}
      <label class="radio"><input type="checkbox" checked={cancel} onChange={(e) => setCancel((e.currentTarget as HTMLInputElement).checked)} data-testid="event-cancel" /> {t('corr.cancelEvent')}</label>
      {!cancel && ev.kind === 'official' && <p class="hint">{t('corr.officialFollows')}</p>}
      {!cancel && shownFields.map(input)}
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
  const defsRes = useAsync(() => api.memberFields(), []);
  const defs = defsRes.data?.fields ?? [];
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
                    const f = c.event_id ? undefined : defs.find((x) => x.key === k);
                    const fmt = (x: unknown) => (f ? fieldText(f, x) : x === null || x === undefined || x === '' ? '—' : /^\d{4}-\d{2}-\d{2}$/.test(String(x)) ? formatDate(String(x)) : typeof x === 'object' ? JSON.stringify(x) : String(x));
                    return <li key={k} data-corr-field={k}>{f ? fieldLabel(f) : k}: {fmt(c.before?.[k])} → <strong>{fmt(c.after?.[k])}</strong></li>;
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
