// The staffing roll (biên chế, issue 15: forms 8A and 8B): the bodies of the scope (for every
// role), and for staff the people on the roll on a day, a person added, a person's page with the
// stints their events replay into and an event recorded (join, move, grade, leave). Every rule is
// the server's (src/core/staff.h through src/api/staff.c): a refusal is shown on the field the
// server names; the page checks only the shape of what is typed.
import { useState } from 'preact/hooks';
import { request, withQuery } from '../api';
import { DateField, ErrorBox, errorText, Link, Loading, SelectField, TextField, useAsync } from '../components/ui';
import { formatDate, parseDate, todayIso } from '../format';
import { t, type MessageKey } from '../i18n';
import { navigate } from '../router';
import { canEdit, useUser } from '../session';

interface Body { id: number; org_id: number; name: string; kind: string; kind_label: string; level: string; level_label: string }
interface Stint { from: string; to: string | null; body_id: number; category: string; category_label: string; grade: string; grade_label: string; start: string; leave: string | null }
interface Person { id: number; org_id: number; cadre_id: number; member_id: number; full_name: string; gender: string; birth_date: string | null; party: boolean }
interface RollEntry extends Person { stint: Stint }
interface StaffEvent { id: number; event: string; event_label: string; date: string; body_id?: number; kind?: string; kind_label?: string; category?: string; grade?: string }

const staffApi = {
  bodies: () => request<{ bodies: Body[] }>('GET', '/api/staff/bodies'),
  roll: (asOf: string) => request<{ as_of: string; people: RollEntry[] }>('GET', withQuery('/api/staff', { as_of: asOf })),
  person: (id: number) => request<Person & { events: StaffEvent[]; stints: Stint[] }>('GET', `/api/staff/${id}`),
  post: <T,>(path: string, body: unknown) => request<T>('POST', path, body),
};

const KINDS = ['dang', 'su_nghiep', 'doan_the'];
const LEVELS = ['tinh', 'huyen'];
const EVENTS = ['join', 'move', 'grade', 'leave'];
const JOINS = ['cc_exam', 'cc_intake', 'vc_exam', 'vc_intake', 'contract', 'other'];
const LEAVES = ['retire', 'transfer', 'resign', 'dismiss', 'off_budget', 'downsize', 'other'];
const CATEGORIES = ['cbcc', 'vien_chuc', 'hd68', 'hd_khac'];
const GRADES = ['cvcc', 'cvc', 'cv', 'can_su', 'nhan_vien', 'hang_1', 'hang_2', 'hang_3', 'hang_4', 'hang_5'];

const opts = (prefix: string, vals: string[]): [string, string][] => vals.map((v) => [v, t(`${prefix}.${v}` as MessageKey)]);

function day(text: string, errs: Record<string, string>, field: string): string {
  const iso = parseDate(text);
  if (!iso) errs[field] = t(text.trim() ? 'staff.badDate' : 'staff.required');
  return iso ?? '';
}

/** The API's error on its field (named by the server), else on the form's fallback field. */
function apiErrors(err: unknown, map: Record<string, string>, fallback: string): Record<string, string> {
  const f = (err as { field?: string }).field;
  return { [(f && map[f]) || fallback]: errorText(err) };
}

function focusFirst(errs: Record<string, string>): boolean {
  const k = Object.keys(errs)[0];
  if (!k) return false;
  (document.getElementById(k) as HTMLElement | null)?.focus();
  return true;
}

function BodiesCard({ bodies, onAdded }: { bodies: Body[]; onAdded: () => void }) {
  const user = useUser();
  const [name, setName] = useState('');
  const [kind, setKind] = useState('dang');
  const [level, setLevel] = useState('huyen');
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    setNote('');
    try {
      const r = await staffApi.post<{ id: number }>('/api/staff/bodies', {
        org_id: user.scope.id, kind, level, ...(name.trim() ? { name: name.trim() } : {}),
      });
      setErrs({});
      setName('');
      setNote(t('staff.bodyAdded', { id: r.id }));
      onAdded();
    } catch (err) {
      const x = apiErrors(err, { name: 'sb_name', kind: 'sb_kind', level: 'sb_level' }, 'sb_name');
      setErrs(x);
      focusFirst(x);
    }
  };
  return (
    <section class="card" aria-labelledby="sb_h" data-testid="staff-bodies">
      <h2 id="sb_h">{t('staff.bodies')}</h2>
      {bodies.length === 0 ? <p class="muted">{t('staff.noBodies')}</p> : (
        <div class="table-wrap">
          <table>
            <thead><tr><th scope="col">#</th><th scope="col">{t('staff.body')}</th><th scope="col">{t('staff.kind')}</th><th scope="col">{t('staff.level')}</th></tr></thead>
            <tbody>{bodies.map((b) => <tr key={b.id}><td>{b.id}</td><td>{b.name}</td><td>{b.kind_label}</td><td>{b.level_label}</td></tr>)}</tbody>
          </table>
        </div>
      )}
      {canEdit(user) && (
        <form onSubmit={submit} class="inline-form" noValidate data-testid="staff-body-form">
          <TextField id="sb_name" label={t('staff.bodyName')} value={name} onInput={setName} error={errs.sb_name} />
          <SelectField id="sb_kind" label={t('staff.kind')} value={kind} onChange={setKind} options={opts('staff.kind', KINDS)} error={errs.sb_kind} />
          <SelectField id="sb_level" label={t('staff.level')} value={level} onChange={setLevel} options={opts('staff.level', LEVELS)} error={errs.sb_level} />
          <button type="submit">{t('staff.addBody')}</button>
        </form>
      )}
      {note && <p role="status">{note}</p>}
    </section>
  );
}

function RollCard({ bodies }: { bodies: Body[] }) {
  const [asOf, setAsOf] = useState(formatDate(todayIso()));
  const [on, setOn] = useState(todayIso());
  const [err, setErr] = useState('');
  const r = useAsync(() => staffApi.roll(on), [on]);
  const bodyName = (id: number) => bodies.find((b) => b.id === id)?.name ?? `#${id}`;
  const apply = (e: Event) => {
    e.preventDefault();
    const iso = parseDate(asOf);
    setErr(iso ? '' : t('staff.badDate'));
    if (iso) setOn(iso);
  };
  return (
    <section class="card" aria-labelledby="sr_h" data-testid="staff-roll">
      <h2 id="sr_h">{t('staff.roll')}</h2>
      <form onSubmit={apply} class="inline-form" noValidate>
        <DateField id="sr_asof" label={t('staff.asOf')} value={asOf} onInput={setAsOf} error={err} />
        <button type="submit">{t('staff.show')}</button>
      </form>
      {r.loading && !r.data && <Loading />}
      {r.error != null && <ErrorBox error={r.error} onRetry={r.reload} />}
      {r.data && (r.data.people.length === 0 ? <p class="muted">{t('staff.noPeople')}</p> : (
        <div class="table-wrap">
          <table>
            <thead><tr><th scope="col">{t('staff.name')}</th><th scope="col">{t('staff.body')}</th><th scope="col">{t('staff.category')}</th><th scope="col">{t('staff.grade')}</th><th scope="col">{t('staff.since')}</th></tr></thead>
            <tbody>
              {r.data.people.map((p) => (
                <tr key={p.id}>
                  <td><Link href={`/staff/${p.id}`}>{p.full_name}</Link></td>
                  <td>{bodyName(p.stint.body_id)}</td><td>{p.stint.category_label}</td><td>{p.stint.grade === 'none' ? '' : p.stint.grade_label}</td><td>{formatDate(p.stint.from)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}

function AddPerson() {
  const user = useUser();
  const [name, setName] = useState('');
  const [gender, setGender] = useState('nu');
  const [birth, setBirth] = useState('');
  const [party, setParty] = useState(false);
  const [errs, setErrs] = useState<Record<string, string>>({});
  const submit = async (e: Event) => {
    e.preventDefault();
    const x: Record<string, string> = {};
    if (!name.trim()) x.sp_name = t('staff.required');
    const b = birth.trim() ? day(birth, x, 'sp_birth') : '';
    setErrs(x);
    if (focusFirst(x)) return;
    try {
      const r = await staffApi.post<{ id: number }>('/api/staff', {
        org_id: user.scope.id, full_name: name.trim(), gender, ...(b ? { birth_date: b } : {}), party,
      });
      navigate(`/staff/${r.id}`);
    } catch (err) {
      const ex = apiErrors(err, { full_name: 'sp_name', gender: 'sp_gender', birth_date: 'sp_birth' }, 'sp_name');
      setErrs(ex);
      focusFirst(ex);
    }
  };
  return (
    <form onSubmit={submit} class="card" aria-labelledby="sp_h" noValidate data-testid="staff-person-form">
      <h2 id="sp_h">{t('staff.addPerson')}</h2>
      <TextField id="sp_name" label={t('staff.name')} value={name} onInput={setName} error={errs.sp_name} required />
      <SelectField id="sp_gender" label={t('staff.gender')} value={gender} onChange={setGender} options={opts('staff.gender', ['nam', 'nu'])} error={errs.sp_gender} />
      <DateField id="sp_birth" label={t('staff.birth')} value={birth} onInput={setBirth} error={errs.sp_birth} />
      <label class="check"><input type="checkbox" checked={party} onChange={(e) => setParty((e.currentTarget as HTMLInputElement).checked)} /> {t('staff.party')}</label>
      <button type="submit">{t('staff.addPerson')}</button>
    </form>
  );
}

export function StaffPage() {
  const user = useUser();
  const [tick, setTick] = useState(0);
  const b = useAsync(() => staffApi.bodies(), [tick]);
  return (
    <section aria-labelledby="staff_h" data-testid="staff">
      <h1 id="staff_h">{t('staff.title')}</h1>
      <p>{t('staff.intro')} <Link href="/forms">{t('staff.forms')}</Link></p>
      {b.loading && !b.data && <Loading />}
      {b.error != null && <ErrorBox error={b.error} onRetry={b.reload} />}
      {b.data && <BodiesCard bodies={b.data.bodies} onAdded={() => setTick(tick + 1)} />}
      {b.data && canEdit(user) && <RollCard bodies={b.data.bodies} />}
      {canEdit(user) && <AddPerson />}
    </section>
  );
}

export function StaffPersonPage({ id }: { id: number }) {
  const [tick, setTick] = useState(0);
  const p = useAsync(() => staffApi.person(id), [id, tick]);
  const bodies = useAsync(() => staffApi.bodies(), []);
  const [ev, setEv] = useState('join');
  const [date, setDate] = useState('');
  const [body, setBody] = useState('');
  const [kind, setKind] = useState('');
  const [category, setCategory] = useState('');
  const [grade, setGrade] = useState('');
  const [talent, setTalent] = useState(false);
  const [experience, setExperience] = useState('');
  const [decision, setDecision] = useState('');
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  if (p.loading && !p.data) return <Loading />;
  if (p.error != null) return <ErrorBox error={p.error} onRetry={p.reload} />;
  const k = p.data!;
  const bl = bodies.data?.bodies ?? [];
  const bodyName = (bid: number | undefined) => bl.find((b) => b.id === bid)?.name ?? (bid ? `#${bid}` : '');
  const needsBody = ev === 'join' || ev === 'move';
  const kinds = ev === 'join' ? JOINS : ev === 'leave' ? LEAVES : [];
  const submit = async (e: Event) => {
    e.preventDefault();
    setNote('');
    const x: Record<string, string> = {};
    const d = day(date, x, 'se_date');
    const bid = body || String(bl[0]?.id ?? '');
    if (needsBody && !bid) x.se_body = t('staff.required');
    const kd = kind || kinds[0] || '';
    const ex = experience.trim();
    if (ex && !/^\d+$/.test(ex)) x.se_experience = t('staff.badNumber');
    if (ev === 'grade' && !grade) x.se_grade = t('staff.required');
    setErrs(x);
    if (focusFirst(x)) return;
    try {
      await staffApi.post(`/api/staff/${id}/events`, {
        event: ev, date: d,
        ...(needsBody ? { body_id: Number(bid) } : {}),
        ...(kinds.length ? { kind: kd } : {}),
        ...(ev === 'join' && category ? { category } : {}),
        ...((ev === 'join' || ev === 'grade') && grade ? { grade } : {}),
        ...(ev === 'join' && talent ? { talent: true } : {}),
        ...(ev === 'join' && ex ? { experience: Number(ex) } : {}),
        ...(decision.trim() ? { decision_no: decision.trim() } : {}),
      });
      setErrs({});
      setNote(t('staff.recorded'));
      setTick(tick + 1);
    } catch (err) {
      const ex2 = apiErrors(err, {
        date: 'se_date', person: 'se_date', body: 'se_body', body_id: 'se_body', kind: 'se_kind', category: 'se_category',
        grade: 'se_grade', talent: 'se_talent', experience: 'se_experience', event: 'se_event',
      }, 'se_date');
      setErrs(ex2);
      focusFirst(ex2);
    }
  };
  return (
    <section aria-labelledby="sperson_h" data-testid="staff-person">
      <p><Link href="/staff">{t('staff.back')}</Link></p>
      <h1 id="sperson_h">{k.full_name}</h1>
      <p>{t(`staff.gender.${k.gender}` as MessageKey)}{k.birth_date ? ` — ${t('staff.birth')}: ${formatDate(k.birth_date)}` : ''}{k.party ? ` — ${t('staff.party')}` : ''}</p>
      <section class="card" aria-labelledby="stints_h">
        <h2 id="stints_h">{t('staff.stints')}</h2>
        {k.stints.length === 0 ? <p class="muted">{t('staff.noStints')}</p> : (
          <div class="table-wrap">
            <table data-testid="staff-stints">
              <thead><tr><th scope="col">{t('staff.since')}</th><th scope="col">{t('staff.until')}</th><th scope="col">{t('staff.body')}</th><th scope="col">{t('staff.category')}</th><th scope="col">{t('staff.grade')}</th></tr></thead>
              <tbody>
                {k.stints.map((s, i) => (
                  <tr key={i}><td>{formatDate(s.from)}</td><td>{formatDate(s.to)}</td><td>{bodyName(s.body_id)}</td><td>{s.category_label}</td><td>{s.grade === 'none' ? '' : s.grade_label}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section class="card" aria-labelledby="sevents_h">
        <h2 id="sevents_h">{t('staff.events')}</h2>
        <ul data-testid="staff-events">
          {k.events.map((x) => <li key={x.id}>{formatDate(x.date)}: {x.event_label}{x.kind_label ? ` (${x.kind_label})` : ''}{x.body_id ? ` — ${bodyName(x.body_id)}` : ''}</li>)}
        </ul>
      </section>
      <form onSubmit={submit} class="card" aria-labelledby="sevent_h" noValidate data-testid="staff-event-form">
        <h2 id="sevent_h">{t('staff.record')}</h2>
        <SelectField id="se_event" label={t('staff.event')} value={ev} onChange={(v) => { setEv(v); setKind(''); }} options={opts('staff.ev', EVENTS)} error={errs.se_event} />
        <DateField id="se_date" label={t('staff.date')} value={date} onInput={setDate} error={errs.se_date} required />
        {needsBody && <SelectField id="se_body" label={t('staff.body')} value={body} onChange={setBody} options={bl.map((b) => [String(b.id), b.name])} error={errs.se_body} />}
        {kinds.length > 0 && <SelectField id="se_kind" label={t('staff.how')} value={kind || kinds[0]} onChange={setKind} options={opts(ev === 'join' ? 'staff.join' : 'staff.leave', kinds)} error={errs.se_kind} />}
        {ev === 'join' && <SelectField id="se_category" label={t('staff.category')} value={category} onChange={setCategory} empty={t('staff.cat.auto')} options={opts('staff.cat', CATEGORIES)} error={errs.se_category} />}
        {(ev === 'join' || ev === 'grade') && <SelectField id="se_grade" label={t('staff.grade')} value={grade} onChange={setGrade} empty={t('staff.grade.none')} options={opts('staff.grade', GRADES)} error={errs.se_grade} />}
        {ev === 'join' && (
          <>
            <label class="check"><input id="se_talent" type="checkbox" checked={talent} onChange={(e) => setTalent((e.currentTarget as HTMLInputElement).checked)} /> {t('staff.talent')}</label>
            {errs.se_talent && <p class="field-error" data-field-error="se_talent">{errs.se_talent}</p>}
            <TextField id="se_experience" label={t('staff.experience')} value={experience} onInput={setExperience} error={errs.se_experience} inputMode="numeric" />
          </>
        )}
        <TextField id="se_decision" label={t('staff.decision')} value={decision} onInput={setDecision} />
        <button type="submit">{t('staff.record')}</button>
        {note && <p role="status">{note}</p>}
      </form>
    </section>
  );
}
