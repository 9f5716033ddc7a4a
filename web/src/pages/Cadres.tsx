// Cadre work (công tác cán bộ, issue 15): the period's sentence and the committee of the scope's
// organization on a day for every role; for staff the cadre files: cadres and their careers,
// positions, the planning board per position, the appointment terms ending (90 working days'
// notice), and confidence votes (QĐ 96) from a session's figures to each person's result, its
// consequence and the annual review it feeds. Every rule and figure is the server's
// (src/api/cadre.c); the page checks only the shape of what is typed.
import { useState } from 'preact/hooks';
import { request, withQuery } from '../api';
import { DateField, ErrorBox, errorText, Link, Loading, SelectField, TextField, useAsync } from '../components/ui';
import { formatDate, parseDate, todayIso } from '../format';
import { t, type MessageKey } from '../i18n';
import { navigate } from '../router';
import { canEdit, useUser } from '../session';
import { CareerTrainings, type CareerTraining } from './CadreTraining';

interface Cadre { id: number; member_id: number; full_name: string; gender: string; birth_date: string | null; managing_level: string; managing_level_label: string; org_id: number }
interface Holding { position_id: number; position: string; title_label: string; from: string; to: string | null; term_end: string | null; decision_no: string }
interface Position {
  id: number; org_id: number; name: string; title: string; title_label: string; level: string;
  post: string; post_label: string; tier: string | null; leader: boolean;
}
interface Seat { seat_id: number; cadre_id: number; full_name: string; role: string; role_label: string; join: string; join_label: string; from: string }
interface Committee { term: string; term_from: string; as_of: string; seats: Seat[]; counts: Record<string, number> }
interface PlanEntry { id: number; position_id: number; cadre_id: number; full_name: string; added: string }
interface Planning { planned: number; women_text: string; young_text: string; max_per_position: number; entries: PlanEntry[] }
interface Due { cadre_id: number; full_name: string; position: string; term_end: string; notice_by: string; state: string; state_label: string }
interface Session { id: number; org?: { id: number; name: string }; held_on: string; year: number; convened: number; present: number; issued: number; returned: number; quorum: boolean }
interface Vote {
  cadre_id: number; full_name: string; position_id: number; position: string; high: number; medium: number; low: number;
  excluded: string; excluded_label?: string; outcome: string; outcome_label: string; consequence: string;
  shares?: { high: string; medium: string; low: string };
}
interface Report { appointed: number; moved: number; added: number; sentence: string }

const cadreApi = {
  report: (from: string, to: string) => request<Report>('GET', withQuery('/api/cadre/report', { from, to })),
  committee: (org: number, asOf: string) => request<Committee>('GET', withQuery('/api/cadre/committee', { org, as_of: asOf })),
  positions: () => request<{ positions: Position[] }>('GET', '/api/cadre/positions'),
  cadres: () => request<{ cadres: Cadre[] }>('GET', '/api/cadres'),
  cadre: (id: number) => request<Cadre & { career: Holding[]; training: CareerTraining[] }>('GET', `/api/cadres/${id}`),
  planning: (term: string) => request<Planning>('GET', withQuery('/api/cadre/planning', { term })),
  due: () => request<{ due: Due[] }>('GET', '/api/cadre/due'),
  sessions: () => request<{ sessions: Session[] }>('GET', '/api/cadre/vote-sessions'),
  session: (id: number) => request<Session & { votes: Vote[] }>('GET', `/api/cadre/vote-sessions/${id}`),
  post: <T,>(path: string, body: unknown) => request<T>('POST', path, body),
};

const LEVELS = ['tw', 'tinh', 'huyen', 'co_so'];
const TITLES = ['bi_thu', 'pho_bi_thu', 'chu_tich_ubnd', 'pho_chu_tich_ubnd', 'chu_tich_hdnd', 'pho_chu_tich_hdnd',
  'truong_doan_dbqh', 'pho_doan_dbqh', 'chu_tich_mttq', 'truong_thon', 'cap_truong', 'cap_pho', 'khac'];
const SECTORS = ['party', 'state', 'front', 'public_unit', 'residential', 'other'];
/** Forms 9 and 12's columns (src/core/cadre.h enum cadre_post) and tiers. */
const POSTS = ['bch', 'btv', 'ubkt', 'bi_thu', 'pho_bi_thu', 'chu_tich_hdnd', 'pho_chu_tich_hdnd', 'chu_tich_ubnd',
  'pho_chu_tich_ubnd', 'truong_doan_dbqh', 'pho_doan_dbqh', 'truong_ban', 'pho_ban', 'truong_so', 'pho_so',
  'truong_su_nghiep', 'pho_su_nghiep', 'none'];
const TIERS = ['tinh', 'huyen', 'xa', 'none'];
const KINDS = ['new', 're', 'nominate'];

/** A whole number typed (>= 0), or the field's error. */
function count(text: string, errs: Record<string, string>, field: string, required = true): number | undefined {
  const v = text.trim();
  if (!v) {
    if (required) errs[field] = t('cadre.required');
    return undefined;
  }
  if (!/^\d+$/.test(v)) { errs[field] = t('cadre.badNumber'); return undefined; }
  return Number(v);
}

function day(text: string, errs: Record<string, string>, field: string): string {
  const iso = parseDate(text);
  if (!iso) errs[field] = t('cadre.badDate');
  return iso ?? '';
}

/** The API's error on its field (named by the server), else on the form. */
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

function PeriodSentence() {
  const year = new Date().getFullYear();
  const [from, setFrom] = useState(`01/01/${year}`);
  const [to, setTo] = useState(formatDate(todayIso()));
  const [period, setPeriod] = useState<[string, string]>([`${year}-01-01`, todayIso()]);
  const [errs, setErrs] = useState<Record<string, string>>({});
  const r = useAsync(() => cadreApi.report(period[0], period[1]), [period[0], period[1]]);
  const apply = (e: Event) => {
    e.preventDefault();
    const x: Record<string, string> = {};
    const f = day(from, x, 'k_from'), tt = day(to, x, 'k_to');
    setErrs(x);
    if (!focusFirst(x)) setPeriod([f, tt]);
  };
  return (
    <section class="card" aria-labelledby="k_period_h">
      <h2 id="k_period_h">{t('cadre.period')}</h2>
      <form onSubmit={apply} class="inline-form" noValidate>
        <DateField id="k_from" label={t('cadre.from')} value={from} onInput={setFrom} error={errs.k_from} />
        <DateField id="k_to" label={t('cadre.to')} value={to} onInput={setTo} error={errs.k_to} />
        <button type="submit">{t('cadre.show')}</button>
      </form>
      {r.error != null && <ErrorBox error={r.error} onRetry={r.reload} />}
      {r.data && <p data-testid="cadre-sentence" lang="vi">{r.data.sentence}</p>}
    </section>
  );
}

function CommitteeCard({ orgId }: { orgId: number }) {
  const [asOf, setAsOf] = useState(formatDate(todayIso()));
  const [on, setOn] = useState(todayIso());
  const [err, setErr] = useState('');
  const c = useAsync(() => cadreApi.committee(orgId, on), [orgId, on]);
  const apply = (e: Event) => {
    e.preventDefault();
    const iso = parseDate(asOf);
    setErr(iso ? '' : t('cadre.badDate'));
    if (iso) setOn(iso);
  };
  const notFound = c.error != null && (c.error as { status?: number }).status === 404;
  return (
    <section class="card" aria-labelledby="k_committee_h" data-testid="committee">
      <h2 id="k_committee_h">{t('cadre.committee')}</h2>
      <form onSubmit={apply} class="inline-form" noValidate>
        <DateField id="k_asof" label={t('cadre.asOf')} value={asOf} onInput={setAsOf} error={err} />
        <button type="submit">{t('cadre.show')}</button>
      </form>
      {c.loading && !c.data && <Loading />}
      {notFound && <p>{t('cadre.noTerm')}</p>}
      {c.error != null && !notFound && <ErrorBox error={c.error} onRetry={c.reload} />}
      {c.data && !c.error && (
        <>
          <p>{t('cadre.committeeOf', { term: c.data.term, d: formatDate(c.data.as_of) })}</p>
          <div class="table-wrap">
            <table>
              <thead><tr><th scope="col">{t('cadre.name')}</th><th scope="col">{t('cadre.role')}</th><th scope="col">{t('cadre.join')}</th><th scope="col">{t('cadre.since')}</th></tr></thead>
              <tbody>
                {c.data.seats.map((s) => (
                  <tr key={s.seat_id}><td>{s.full_name}</td><td>{s.role_label}</td><td>{s.join_label}</td><td>{formatDate(s.from)}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function AddCadre({ orgId, onDone }: { orgId: number; onDone: () => void }) {
  const [name, setName] = useState('');
  const [member, setMember] = useState('');
  const [gender, setGender] = useState('nam');
  const [birth, setBirth] = useState('');
  const [level, setLevel] = useState('huyen');
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    const x: Record<string, string> = {};
    const mid = count(member, x, 'k_member', false);
    if (!mid && !name.trim()) x.k_name = t('cadre.required');
    const b = birth.trim() ? day(birth, x, 'k_birth') : '';
    setErrs(x);
    if (focusFirst(x)) return;
    const body: Record<string, unknown> = { org_id: orgId, managing_level: level };
    if (mid) body.member_id = mid;
    else body.gender = gender;
    if (name.trim()) body.full_name = name.trim();
    if (b) body.birth_date = b;
    try {
      const r = await cadreApi.post<{ id: number }>('/api/cadres', body);
      setNote(t('cadre.added', { id: String(r.id) }));
      setName(''); setMember(''); setBirth('');
      onDone();
    } catch (err) {
      setErrs(apiErrors(err, { member_id: 'k_member', full_name: 'k_name', birth_date: 'k_birth', gender: 'k_gender' }, 'k_name'));
    }
  };
  return (
    <form onSubmit={submit} class="card" aria-labelledby="k_add_h" noValidate data-testid="add-cadre">
      <h3 id="k_add_h">{t('cadre.addCadre')}</h3>
      <TextField id="k_member" label={t('cadre.member')} value={member} onInput={setMember} error={errs.k_member} inputMode="numeric" />
      <TextField id="k_name" label={t('cadre.name')} value={name} onInput={setName} error={errs.k_name} />
      <SelectField id="k_gender" label={t('cadre.gender')} value={gender} onChange={setGender} error={errs.k_gender} options={[['nam', t('cadre.gender.nam')], ['nu', t('cadre.gender.nu')]]} />
      <DateField id="k_birth" label={t('cadre.birth')} value={birth} onInput={setBirth} error={errs.k_birth} />
      <SelectField id="k_level" label={t('cadre.level')} value={level} onChange={setLevel} options={LEVELS.map((l) => [l, t(`cadre.level.${l}` as MessageKey)])} />
      <button type="submit">{t('cadre.save')}</button>
      {note && <p role="status" class="ok-text">{note}</p>}
    </form>
  );
}

/** A position of the scope's organization with its standing on forms 9 and 12: the column
 *  (post), the tier and the leadership flag; "default" leaves them to the server. */
function AddPosition({ orgId, onDone }: { orgId: number; onDone: () => void }) {
  const [name, setName] = useState('');
  const [title, setTitle] = useState('cap_truong');
  const [level, setLevel] = useState('huyen');
  const [sector, setSector] = useState('party');
  const [post, setPost] = useState('');
  const [tier, setTier] = useState('');
  const [leader, setLeader] = useState('');
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    const x: Record<string, string> = {};
    if (!name.trim()) x.p_name = t('cadre.required');
    setErrs(x);
    if (focusFirst(x)) return;
    const body: Record<string, unknown> = { org_id: orgId, name: name.trim(), title, level, sector };
    if (post) body.post = post;
    if (tier) body.tier = tier;
    if (leader) body.leader = leader === 'yes';
    try {
      const r = await cadreApi.post<{ id: number }>('/api/cadre/positions', body);
      setNote(t('cadre.positionAdded', { id: String(r.id) }));
      setName('');
      onDone();
    } catch (err) {
      const ex = apiErrors(err, { name: 'p_name', title: 'p_title', level: 'p_level', sector: 'p_sector', post: 'p_post', tier: 'p_tier', leader: 'p_leader', org_id: 'p_name' }, 'p_name');
      setErrs(ex);
      focusFirst(ex);
    }
  };
  const dflt: [string, string] = ['', t('cadre.byDefault')];
  return (
    <form onSubmit={submit} class="card" aria-labelledby="p_add_h" noValidate data-testid="add-position">
      <h3 id="p_add_h">{t('cadre.addPosition')}</h3>
      <TextField id="p_name" label={t('cadre.posName')} value={name} onInput={setName} error={errs.p_name} required />
      <SelectField id="p_title" label={t('cadre.posTitle')} value={title} onChange={setTitle} error={errs.p_title}
        options={TITLES.map((x) => [x, t(`cadre.ptitle.${x}` as MessageKey)])} />
      <SelectField id="p_level" label={t('cadre.posLevel')} value={level} onChange={setLevel} error={errs.p_level}
        options={LEVELS.map((l) => [l, t(`cadre.level.${l}` as MessageKey)])} />
      <SelectField id="p_sector" label={t('cadre.sector')} value={sector} onChange={setSector} error={errs.p_sector}
        options={SECTORS.map((x) => [x, t(`cadre.sector.${x}` as MessageKey)])} />
      <SelectField id="p_post" label={t('cadre.post')} value={post} onChange={setPost} error={errs.p_post}
        options={[dflt, ...POSTS.map((x): [string, string] => [x, t(`cadre.post.${x}` as MessageKey)])]} />
      <SelectField id="p_tier" label={t('cadre.tier')} value={tier} onChange={setTier} error={errs.p_tier}
        options={[dflt, ...TIERS.map((x): [string, string] => [x, t(`cadre.tier.${x}` as MessageKey)])]} />
      <SelectField id="p_leader" label={t('cadre.leader')} value={leader} onChange={setLeader} error={errs.p_leader}
        options={[dflt, ['yes', t('cadre.yes')], ['no', t('cadre.no')]]} />
      <button type="submit">{t('cadre.save')}</button>
      {note && <p role="status" class="ok-text">{note}</p>}
    </form>
  );
}

function PlanningBoard({ positions }: { positions: Position[] }) {
  const year = new Date().getFullYear();
  const start = year - (year - 2020) % 5;
  const [term, setTerm] = useState(`${start + 5}-${start + 10}`);
  const p = useAsync(() => cadreApi.planning(term.trim()), [term]);
  return (
    <section class="card" aria-labelledby="k_plan_h" data-testid="planning">
      <h2 id="k_plan_h">{t('cadre.planning')}</h2>
      <TextField id="k_term" label={t('cadre.planTerm')} value={term} onInput={setTerm} />
      {p.error != null && <ErrorBox error={p.error} onRetry={p.reload} />}
      {p.data && (
        <>
          <p>{t('cadre.planned', { n: p.data.planned, w: p.data.women_text, y: p.data.young_text })}</p>
          {p.data.entries.length === 0 ? <p class="muted">{t('cadre.noPlanning')}</p> : (
            <ul>
              {positions.filter((pos) => p.data!.entries.some((x) => x.position_id === pos.id)).map((pos) => {
                const xs = p.data!.entries.filter((x) => x.position_id === pos.id);
                return (
                  <li key={pos.id} data-testid={`plan-${pos.id}`}>
                    <strong>{pos.name}</strong> ({t('cadre.planOf', { n: xs.length, max: p.data!.max_per_position })}): {xs.map((x) => x.full_name).join(', ')}
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function DueList() {
  const d = useAsync(() => cadreApi.due(), []);
  return (
    <section class="card" aria-labelledby="k_due_h" data-testid="cadre-due">
      <h2 id="k_due_h">{t('cadre.due')}</h2>
      {d.error != null && <ErrorBox error={d.error} onRetry={d.reload} />}
      {d.data && (d.data.due.length === 0 ? <p class="muted">{t('cadre.noDue')}</p> : (
        <div class="table-wrap">
          <table>
            <thead><tr><th scope="col">{t('cadre.name')}</th><th scope="col">{t('cadre.position')}</th><th scope="col">{t('cadre.termEnd')}</th><th scope="col">{t('cadre.noticeBy')}</th><th scope="col">{t('cadre.state')}</th></tr></thead>
            <tbody>
              {d.data.due.map((x) => (
                <tr key={`${x.cadre_id}-${x.position}`}><td><Link href={`/cadres/${x.cadre_id}`}>{x.full_name}</Link></td><td>{x.position}</td><td>{formatDate(x.term_end)}</td><td>{formatDate(x.notice_by)}</td><td>{x.state_label}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}

function NewSession({ orgId }: { orgId: number }) {
  const [held, setHeld] = useState('');
  const [year, setYear] = useState('');
  const [f, setF] = useState({ convened: '', present: '', issued: '', returned: '' });
  const [errs, setErrs] = useState<Record<string, string>>({});
  const submit = async (e: Event) => {
    e.preventDefault();
    const x: Record<string, string> = {};
    const d = day(held, x, 'v_held');
    const y = count(year, x, 'v_year', false);
    const n = Object.fromEntries((['convened', 'present', 'issued', 'returned'] as const).map((k) => [k, count(f[k], x, `v_${k}`)]));
    setErrs(x);
    if (focusFirst(x)) return;
    try {
      const r = await cadreApi.post<{ id: number }>('/api/cadre/vote-sessions', { org_id: orgId, date: d, ...(y ? { year: y } : {}), ...n });
      navigate(`/cadres/votes/${r.id}`);
    } catch (err) {
      const m = { date: 'v_held', year: 'v_year', convened: 'v_convened', present: 'v_present', issued: 'v_issued', returned: 'v_returned' };
      const ex = apiErrors(err, m, 'v_returned');
      setErrs(ex);
      focusFirst(ex);
    }
  };
  const num = (k: keyof typeof f) => (
    <TextField id={`v_${k}`} label={t(`cadre.${k}` as MessageKey)} value={f[k]} onInput={(v) => setF({ ...f, [k]: v })} error={errs[`v_${k}`]} inputMode="numeric" required />
  );
  return (
    <form onSubmit={submit} class="card" aria-labelledby="v_new_h" noValidate data-testid="new-session">
      <h3 id="v_new_h">{t('cadre.newSession')}</h3>
      <DateField id="v_held" label={t('cadre.heldOn')} value={held} onInput={setHeld} error={errs.v_held} required />
      <TextField id="v_year" label={t('cadre.year')} value={year} onInput={setYear} error={errs.v_year} inputMode="numeric" />
      {num('convened')}{num('present')}{num('issued')}{num('returned')}
      <button type="submit">{t('cadre.save')}</button>
    </form>
  );
}

function Sessions({ orgId }: { orgId: number }) {
  const s = useAsync(() => cadreApi.sessions(), []);
  return (
    <section class="card" aria-labelledby="k_votes_h" data-testid="sessions">
      <h2 id="k_votes_h">{t('cadre.votes')}</h2>
      {s.error != null && <ErrorBox error={s.error} onRetry={s.reload} />}
      {s.data && (s.data.sessions.length === 0 ? <p class="muted">{t('cadre.noSessions')}</p> : (
        <ul>
          {s.data.sessions.map((x) => (
            <li key={x.id}><Link href={`/cadres/votes/${x.id}`}>{t('cadre.session', { id: x.id })}</Link> — {formatDate(x.held_on)}{x.org ? `, ${x.org.name}` : ''}</li>
          ))}
        </ul>
      ))}
      <NewSession orgId={orgId} />
    </section>
  );
}

export function CadresPage() {
  const user = useUser();
  const staff = canEdit(user);
  const [tick, setTick] = useState(0);
  const positions = useAsync(() => cadreApi.positions(), [tick]);
  const cadres = useAsync(() => (staff ? cadreApi.cadres() : Promise.resolve({ cadres: [] as Cadre[] })), [tick, staff]);
  return (
    <section aria-labelledby="cadres_h">
      <h1 id="cadres_h">{t('cadre.title')}</h1>
      <PeriodSentence />
      <CommitteeCard orgId={user.scope.id} />
      <section class="card" aria-labelledby="k_pos_h" data-testid="positions">
        <h2 id="k_pos_h">{t('cadre.positions')}</h2>
        {positions.error != null && <ErrorBox error={positions.error} onRetry={positions.reload} />}
        {positions.data && (positions.data.positions.length === 0 ? <p class="muted">{t('cadre.noPositions')}</p> : (
          <ul>{positions.data.positions.map((p) => (
            <li key={p.id} data-testid={`position-${p.id}`}>{p.name} <span class="muted">({p.title_label}
              {p.post !== 'none' && <>; {t('cadre.post')}: {p.post_label}{p.tier && p.tier !== 'none' ? `, ${t(`cadre.tier.${p.tier}` as MessageKey)}` : ''}</>})</span></li>
          ))}</ul>
        ))}
        {staff && <AddPosition orgId={user.scope.id} onDone={() => setTick(tick + 1)} />}
      </section>
      <p data-testid="training-link"><Link href="/cadres/classes">{t('train.link')}</Link></p>
      {!staff && <p class="muted">{t('cadre.staffOnly')}</p>}
      {staff && (
        <>
          <section class="card" aria-labelledby="k_cadres_h" data-testid="cadres">
            <h2 id="k_cadres_h">{t('cadre.cadres')}</h2>
            {cadres.error != null && <ErrorBox error={cadres.error} onRetry={cadres.reload} />}
            {cadres.data && (cadres.data.cadres.length === 0 ? <p class="muted">{t('cadre.noCadres')}</p> : (
              <div class="table-wrap">
                <table>
                  <thead><tr><th scope="col">{t('cadre.name')}</th><th scope="col">{t('cadre.level')}</th></tr></thead>
                  <tbody>
                    {cadres.data.cadres.map((c) => (
                      <tr key={c.id} data-testid={`cadre-${c.id}`}><td><Link href={`/cadres/${c.id}`}>{c.full_name}</Link></td><td>{c.managing_level_label}</td></tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ))}
            <AddCadre orgId={user.scope.id} onDone={() => setTick(tick + 1)} />
          </section>
          <PlanningBoard positions={positions.data?.positions ?? []} />
          <DueList />
          <Sessions orgId={user.scope.id} />
        </>
      )}
    </section>
  );
}

export function CadrePage({ id }: { id: number }) {
  const [tick, setTick] = useState(0);
  const c = useAsync(() => cadreApi.cadre(id), [id, tick]);
  const positions = useAsync(() => cadreApi.positions(), []);
  const [pos, setPos] = useState('');
  const [kind, setKind] = useState('new');
  const [date, setDate] = useState('');
  const [termEnd, setTermEnd] = useState('');
  const [decision, setDecision] = useState('');
  const [outside, setOutside] = useState(false);
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  if (c.loading && !c.data) return <Loading />;
  if (c.error != null) return <ErrorBox error={c.error} onRetry={c.reload} />;
  const k = c.data!;
  const submit = async (e: Event) => {
    e.preventDefault();
    const x: Record<string, string> = {};
    const d = day(date, x, 'a_date');
    const te = termEnd.trim() ? day(termEnd, x, 'a_term_end') : '';
    const p = pos || String(positions.data?.positions[0]?.id ?? '');
    if (!p) x.a_position = t('cadre.required');
    setErrs(x);
    if (focusFirst(x)) return;
    try {
      await cadreApi.post('/api/cadre/appointments', {
        cadre_id: id, position_id: Number(p), kind, date: d, ...(te ? { term_end: te } : {}),
        ...(decision.trim() ? { decision_no: decision.trim() } : {}), outside,
      });
      setNote(t('cadre.appointed'));
      setTick(tick + 1);
    } catch (err) {
      const ex = apiErrors(err, { date: 'a_date', term_end: 'a_term_end', position_id: 'a_position', planning: 'a_position', post: 'a_kind', vote: 'a_kind', discipline: 'a_date' }, 'a_date');
      setErrs(ex);
      focusFirst(ex);
    }
  };
  return (
    <section aria-labelledby="cadre_h" data-testid="cadre">
      <p><Link href="/cadres">{t('cadre.back')}</Link></p>
      <h1 id="cadre_h">{k.full_name}</h1>
      <p>{k.managing_level_label}{k.birth_date ? ` — ${t('cadre.birth')}: ${formatDate(k.birth_date)}` : ''}</p>
      <section class="card" aria-labelledby="career_h">
        <h2 id="career_h">{t('cadre.career')}</h2>
        {k.career.length === 0 ? <p class="muted">{t('cadre.noCareer')}</p> : (
          <div class="table-wrap">
            <table data-testid="career">
              <thead><tr><th scope="col">{t('cadre.position')}</th><th scope="col">{t('cadre.since')}</th><th scope="col">{t('cadre.until')}</th><th scope="col">{t('cadre.termEnd')}</th><th scope="col">{t('cadre.decision')}</th></tr></thead>
              <tbody>
                {k.career.map((h, i) => (
                  <tr key={i}><td>{h.position}</td><td>{formatDate(h.from)}</td><td>{formatDate(h.to)}</td><td>{formatDate(h.term_end)}</td><td>{h.decision_no}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <CareerTrainings items={k.training ?? []} />
      <form onSubmit={submit} class="card" aria-labelledby="appoint_h" noValidate data-testid="appoint">
        <h2 id="appoint_h">{t('cadre.appoint')}</h2>
        <SelectField id="a_position" label={t('cadre.position')} value={pos} onChange={setPos} error={errs.a_position}
          options={(positions.data?.positions ?? []).map((p) => [String(p.id), p.name])} />
        <SelectField id="a_kind" label={t('cadre.kind')} value={kind} onChange={setKind} error={errs.a_kind} options={KINDS.map((x) => [x, t(`cadre.kind.${x}` as MessageKey)])} />
        <DateField id="a_date" label={t('cadre.date')} value={date} onInput={setDate} error={errs.a_date} required />
        <DateField id="a_term_end" label={t('cadre.termEnd')} value={termEnd} onInput={setTermEnd} error={errs.a_term_end} />
        <TextField id="a_decision" label={t('cadre.decision')} value={decision} onInput={setDecision} />
        <div class="field"><label><input type="checkbox" id="a_outside" checked={outside} onChange={(e) => setOutside((e.currentTarget as HTMLInputElement).checked)} /> {t('cadre.outside')}</label></div>
        <button type="submit">{t('cadre.save')}</button>
        {note && <p role="status" class="ok-text">{note}</p>}
      </form>
    </section>
  );
}

function TallyForm({ id, cadres, positions, onDone }: { id: number; cadres: Cadre[]; positions: Position[]; onDone: (o: string) => void }) {
  const [cadre, setCadre] = useState('');
  const [pos, setPos] = useState('');
  const [f, setF] = useState({ high: '', medium: '', low: '' });
  const [leave, setLeave] = useState(false);
  const [errs, setErrs] = useState<Record<string, string>>({});
  const submit = async (e: Event) => {
    e.preventDefault();
    const x: Record<string, string> = {};
    const c = cadre || String(cadres[0]?.id ?? '');
    const p = pos || String(positions[0]?.id ?? '');
    if (!c) x.t_cadre = t('cadre.required');
    if (!p) x.t_position = t('cadre.required');
    const n = leave ? {} : Object.fromEntries((['high', 'medium', 'low'] as const).map((k) => [k, count(f[k], x, `t_${k}`)]));
    setErrs(x);
    if (focusFirst(x)) return;
    try {
      const r = await cadreApi.post<{ outcome_label: string }>(`/api/cadre/vote-sessions/${id}/votes`, {
        cadre_id: Number(c), position_id: Number(p), ...n, ...(leave ? { excluded: 'leave' } : {}),
      });
      setF({ high: '', medium: '', low: '' });
      onDone(r.outcome_label);
    } catch (err) {
      const ex = apiErrors(err, { cadre_id: 't_cadre', position_id: 't_position', high: 't_high', medium: 't_medium', low: 't_low', excluded: 't_cadre' }, 't_low');
      setErrs(ex);
      focusFirst(ex);
    }
  };
  const num = (k: keyof typeof f) => (
    <TextField id={`t_${k}`} label={t(`cadre.${k}` as MessageKey)} value={f[k]} onInput={(v) => setF({ ...f, [k]: v })} error={errs[`t_${k}`]} inputMode="numeric" />
  );
  return (
    <form onSubmit={submit} class="card" aria-labelledby="t_h" noValidate data-testid="tally">
      <h2 id="t_h">{t('cadre.tally')}</h2>
      <SelectField id="t_cadre" label={t('cadre.person')} value={cadre} onChange={setCadre} error={errs.t_cadre} options={cadres.map((c) => [String(c.id), c.full_name])} />
      <SelectField id="t_position" label={t('cadre.position')} value={pos} onChange={setPos} error={errs.t_position} options={positions.map((p) => [String(p.id), p.name])} />
      {num('high')}{num('medium')}{num('low')}
      <div class="field"><label><input type="checkbox" id="t_leave" checked={leave} onChange={(e) => setLeave((e.currentTarget as HTMLInputElement).checked)} /> {t('cadre.leave')}</label></div>
      <button type="submit">{t('cadre.save')}</button>
    </form>
  );
}

export function VoteSessionPage({ id }: { id: number }) {
  const [tick, setTick] = useState(0);
  const [note, setNote] = useState('');
  const s = useAsync(() => cadreApi.session(id), [id, tick]);
  const cadres = useAsync(() => cadreApi.cadres(), []);
  const positions = useAsync(() => cadreApi.positions(), []);
  if (s.loading && !s.data) return <Loading />;
  if (s.error != null) return <ErrorBox error={s.error} onRetry={s.reload} />;
  const v = s.data!;
  const memberOf = new Map((cadres.data?.cadres ?? []).map((c) => [c.id, c.member_id]));
  return (
    <section aria-labelledby="vs_h" data-testid="vote-session">
      <p><Link href="/cadres">{t('cadre.back')}</Link></p>
      <h1 id="vs_h">{t('cadre.session', { id: v.id })}</h1>
      <p>{formatDate(v.held_on)}{v.org ? ` — ${v.org.name}` : ''} — {t('cadre.year')} {v.year}</p>
      <p data-testid="session-figures">{t('cadre.sessionFigures', { c: v.convened, p: v.present, i: v.issued, r: v.returned })}</p>
      <p data-testid="quorum" class={v.quorum ? 'ok-text' : 'error-text'}>{v.quorum ? t('cadre.quorum') : t('cadre.noQuorum')}</p>
      {cadres.data && positions.data && (
        <TallyForm id={id} cadres={cadres.data.cadres} positions={positions.data.positions}
          onDone={(o) => { setNote(t('cadre.recorded', { o })); setTick(tick + 1); }} />
      )}
      {note && <p role="status" class="ok-text" data-testid="tally-note">{note}</p>}
      <section class="card" aria-labelledby="vr_h">
        <h2 id="vr_h">{t('cadre.results')}</h2>
        {v.votes.length === 0 ? <p class="muted">{t('cadre.noResults')}</p> : (
          <div class="table-wrap">
            <table data-testid="results">
              <thead><tr>
                <th scope="col">{t('cadre.person')}</th><th scope="col">{t('cadre.high')}</th><th scope="col">{t('cadre.medium')}</th>
                <th scope="col">{t('cadre.low')}</th><th scope="col">{t('cadre.outcome')}</th><th scope="col">{t('cadre.consequence')}</th>
              </tr></thead>
              <tbody>
                {v.votes.map((x) => {
                  const m = memberOf.get(x.cadre_id);
                  return (
                    <tr key={`${x.cadre_id}-${x.position_id}`} data-testid={`result-${x.cadre_id}-${x.position_id}`}>
                      <th scope="row">{x.full_name}<br /><span class="muted">{x.position}</span></th>
                      {x.shares ? <><td>{x.shares.high}</td><td>{x.shares.medium}</td><td>{x.shares.low}</td></> : <td colSpan={3}>{x.excluded_label}</td>}
                      <td data-testid="outcome" data-outcome={x.outcome}>{x.outcome_label}</td>
                      <td lang="vi">{x.consequence}{m ? <> <Link href={`/reviews/members/${m}?year=${v.year}`} data-testid="review-link">{t('cadre.review', { y: v.year })}</Link></> : null}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </section>
  );
}
