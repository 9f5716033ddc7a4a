// Training classes (đào tạo, bồi dưỡng cán bộ, form 10-BTCTW; issue 15): the classes opened in the
// scope (every role), a class with its cadres, enrolment and results (staff). Every rule is the
// server's (src/api/cadre_training.c, core/training.h): a class ending before it starts, a mode the
// form does not split the programme by, an enrolment after the last day, a cadre enrolled twice
// come back named by their field and are shown on it. The page checks only the shape of what is
// typed.
import { useState } from 'preact/hooks';
import { request, withQuery } from '../api';
import { DateField, ErrorBox, errorText, Link, Loading, SelectField, TextField, useAsync } from '../components/ui';
import { formatDate, parseDate } from '../format';
import { t, type MessageKey } from '../i18n';
import { navigate } from '../router';
import { canEdit, useUser } from '../session';

export interface TrainingClass {
  id: number; org_id: number; org?: { id: number; name: string }; name: string;
  opener: string; opener_label: string; programme: string; programme_label: string; mode: string; mode_label: string;
  from: string; to: string; decision_no: string; institution: string; enrolled: number; completed: number;
}
interface Enrolment { id: number; cadre_id: number; full_name: string; enrolled_on: string; result: string; result_label: string; grade: string }
/** One training of a career (GET /api/cadres/{id}: "training"). */
export interface CareerTraining {
  class_id: number | null; name: string; programme_label: string; mode: string; mode_label: string;
  from: string; to: string | null; institution: string; result: string | null; result_label: string | null; grade: string;
}

const api = {
  classes: (year: string) => request<{ classes: TrainingClass[] }>('GET', withQuery('/api/cadre/classes', year ? { year } : {})),
  klass: (id: number) => request<TrainingClass & { enrolments: Enrolment[] }>('GET', `/api/cadre/classes/${id}`),
  cadres: () => request<{ cadres: { id: number; full_name: string }[] }>('GET', '/api/cadres'),
  post: <T,>(path: string, body: unknown) => request<T>('POST', path, body),
};

const PROGRAMMES = ['dai_hoc', 'thac_si', 'tien_si', 'tc_llct', 'cc_llct', 'cn_llct', 'bd_xdd', 'bd_doan_the', 'bd_qlnn',
  'bd_qlkt', 'bd_ngoai_ngu', 'bd_tin_hoc', 'bd_cap_nhat', 'bd_qpan'];
const MODES = ['none', 'domestic', 'foreign', 'joint', 'full_time', 'part_time', 'dt1', 'dt2', 'dt3', 'dt4'];
const OPENERS = ['tinh', 'huyen', 'khac'];
const RESULTS = ['studying', 'completed', 'not_completed'];

const opts = (prefix: string, xs: string[]): [string, string][] => xs.map((x) => [x, t(`${prefix}.${x}` as MessageKey)]);

function day(text: string, errs: Record<string, string>, field: string): string {
  const iso = parseDate(text);
  if (!iso) errs[field] = t('train.badDate');
  return iso ?? '';
}

/** The API's error on its field (named by the server), else on `fallback`. */
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

/** "Trung cấp lý luận chính trị (Hệ tập trung)": the mode only when the form splits by it. */
export function programmeText(p: { programme_label: string; mode: string; mode_label: string }): string {
  return p.mode && p.mode !== 'none' ? `${p.programme_label} (${p.mode_label})` : p.programme_label;
}

function OpenClass({ orgId }: { orgId: number }) {
  const [f, setF] = useState({ name: '', programme: 'tc_llct', mode: 'full_time', opener: 'huyen', from: '', to: '', decision: '', institution: '' });
  const [errs, setErrs] = useState<Record<string, string>>({});
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const submit = async (e: Event) => {
    e.preventDefault();
    const x: Record<string, string> = {};
    if (!f.name.trim()) x.c_name = t('train.required');
    const from = day(f.from, x, 'c_from');
    const to = day(f.to, x, 'c_to');
    setErrs(x);
    if (focusFirst(x)) return;
    try {
      const r = await api.post<{ id: number }>('/api/cadre/classes', {
        org_id: orgId, name: f.name.trim(), programme: f.programme, ...(f.mode !== 'none' ? { mode: f.mode } : {}),
        opener: f.opener, from, to, ...(f.decision.trim() ? { decision_no: f.decision.trim() } : {}),
        ...(f.institution.trim() ? { institution: f.institution.trim() } : {}),
      });
      navigate(`/cadres/classes/${r.id}`);
    } catch (err) {
      const m = { name: 'c_name', programme: 'c_programme', mode: 'c_mode', opener: 'c_opener', from: 'c_from', to: 'c_to', decision_no: 'c_decision', institution: 'c_institution', org_id: 'c_name' };
      const ex = apiErrors(err, m, 'c_name');
      setErrs(ex);
      focusFirst(ex);
    }
  };
  return (
    <form onSubmit={submit} class="card" aria-labelledby="c_open_h" noValidate data-testid="open-class">
      <h2 id="c_open_h">{t('train.open')}</h2>
      <TextField id="c_name" label={t('train.name')} value={f.name} onInput={set('name')} error={errs.c_name} required />
      <SelectField id="c_programme" label={t('train.programme')} value={f.programme} onChange={set('programme')} error={errs.c_programme} options={opts('train.programme', PROGRAMMES)} />
      <SelectField id="c_mode" label={t('train.mode')} value={f.mode} onChange={set('mode')} error={errs.c_mode} options={opts('train.mode', MODES)} />
      <SelectField id="c_opener" label={t('train.opener')} value={f.opener} onChange={set('opener')} error={errs.c_opener} options={opts('train.opener', OPENERS)} />
      <DateField id="c_from" label={t('train.from')} value={f.from} onInput={set('from')} error={errs.c_from} required />
      <DateField id="c_to" label={t('train.to')} value={f.to} onInput={set('to')} error={errs.c_to} required />
      <TextField id="c_decision" label={t('train.decision')} value={f.decision} onInput={set('decision')} error={errs.c_decision} />
      <TextField id="c_institution" label={t('train.institution')} value={f.institution} onInput={set('institution')} error={errs.c_institution} />
      <button type="submit">{t('train.save')}</button>
    </form>
  );
}

export function TrainingClassesPage() {
  const user = useUser();
  const [yearText, setYearText] = useState('');
  const [year, setYear] = useState('');
  const [err, setErr] = useState('');
  const c = useAsync(() => api.classes(year), [year]);
  const apply = (e: Event) => {
    e.preventDefault();
    const y = yearText.trim();
    const ok = !y || /^\d{4}$/.test(y);
    setErr(ok ? '' : t('train.badYear'));
    if (ok) setYear(y);
  };
  return (
    <section aria-labelledby="train_h">
      <p><Link href="/cadres">{t('cadre.back')}</Link></p>
      <h1 id="train_h">{t('train.title')}</h1>
      <section class="card" aria-labelledby="train_list_h" data-testid="classes">
        <h2 id="train_list_h">{t('train.classes')}</h2>
        <form onSubmit={apply} class="inline-form" noValidate>
          <TextField id="c_year" label={t('train.year')} hint={t('train.allYears')} value={yearText} onInput={setYearText} error={err} inputMode="numeric" />
          <button type="submit">{t('train.show')}</button>
        </form>
        {c.loading && !c.data && <Loading />}
        {c.error != null && <ErrorBox error={c.error} onRetry={c.reload} />}
        {c.data && (c.data.classes.length === 0 ? <p class="muted">{t('train.noClasses')}</p> : (
          <div class="table-wrap">
            <table>
              <thead><tr>
                <th scope="col">{t('train.name')}</th><th scope="col">{t('train.programme')}</th><th scope="col">{t('train.opener')}</th>
                <th scope="col">{t('train.dates')}</th><th scope="col">{t('train.enrolled')}</th>
              </tr></thead>
              <tbody>
                {c.data.classes.map((k) => (
                  <tr key={k.id} data-testid={`class-${k.id}`}>
                    <td>{canEdit(user) ? <Link href={`/cadres/classes/${k.id}`}>{k.name}</Link> : k.name}{k.org ? <><br /><span class="muted">{k.org.name}</span></> : null}</td>
                    <td>{programmeText(k)}</td><td>{k.opener_label}</td>
                    <td>{formatDate(k.from)} – {formatDate(k.to)}</td>
                    <td>{t('train.completedOf', { c: k.completed, n: k.enrolled })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </section>
      {canEdit(user) ? <OpenClass orgId={user.scope.id} /> : <p class="muted">{t('train.staffOnly')}</p>}
    </section>
  );
}

function ResultForm({ en, onDone }: { en: Enrolment; onDone: () => void }) {
  const [result, setResult] = useState(en.result);
  const [grade, setGrade] = useState(en.grade);
  const [err, setErr] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      await api.post(`/api/cadre/enrolments/${en.id}/result`, { result, ...(grade.trim() ? { grade: grade.trim() } : {}) });
      setErr('');
      onDone();
    } catch (x) {
      setErr(errorText(x));
    }
  };
  return (
    <form onSubmit={submit} class="inline-form" noValidate data-testid={`result-form-${en.id}`}>
      <SelectField id={`r_result_${en.id}`} label={t('train.result')} value={result} onChange={setResult} error={err} options={opts('train.result', RESULTS)} />
      <TextField id={`r_grade_${en.id}`} label={t('train.grade')} value={grade} onInput={setGrade} />
      <button type="submit">{t('train.save')}</button>
    </form>
  );
}

export function TrainingClassPage({ id }: { id: number }) {
  const [tick, setTick] = useState(0);
  const k = useAsync(() => api.klass(id), [id, tick]);
  const cadres = useAsync(() => api.cadres(), []);
  const [cadre, setCadre] = useState('');
  const [date, setDate] = useState('');
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  if (k.loading && !k.data) return <Loading />;
  if (k.error != null) return <ErrorBox error={k.error} onRetry={k.reload} />;
  const c = k.data!;
  const enrol = async (e: Event) => {
    e.preventDefault();
    const x: Record<string, string> = {};
    const who = cadre || String(cadres.data?.cadres[0]?.id ?? '');
    if (!who) x.e_cadre = t('train.required');
    const d = date.trim() ? day(date, x, 'e_date') : '';
    setErrs(x);
    if (focusFirst(x)) return;
    try {
      const r = await api.post<{ id: number }>(`/api/cadre/classes/${id}/enrolments`, { cadre_id: Number(who), ...(d ? { date: d } : {}) });
      setNote(t('train.enrolledNote', { id: r.id }));
      setTick(tick + 1);
    } catch (err) {
      setNote('');
      const ex = apiErrors(err, { cadre_id: 'e_cadre', date: 'e_date', to: 'e_date' }, 'e_cadre');
      setErrs(ex);
      focusFirst(ex);
    }
  };
  return (
    <section aria-labelledby="class_h" data-testid="class">
      <p><Link href="/cadres/classes">{t('train.back')}</Link></p>
      <h1 id="class_h">{c.name}</h1>
      <dl class="facts">
        <dt>{t('train.programme')}</dt><dd data-testid="class-programme">{programmeText(c)}</dd>
        <dt>{t('train.opener')}</dt><dd>{c.opener_label}{c.org ? ` — ${c.org.name}` : ''}</dd>
        <dt>{t('train.dates')}</dt><dd>{formatDate(c.from)} – {formatDate(c.to)}</dd>
        {c.decision_no && <><dt>{t('train.decision')}</dt><dd>{c.decision_no}</dd></>}
        {c.institution && <><dt>{t('train.institution')}</dt><dd>{c.institution}</dd></>}
      </dl>
      <section class="card" aria-labelledby="class_en_h">
        <h2 id="class_en_h">{t('train.enrolled')} <span class="muted" data-testid="class-counts">({t('train.completedOf', { c: c.completed, n: c.enrolled })})</span></h2>
        {c.enrolments.length === 0 ? <p class="muted">{t('train.noEnrolled')}</p> : (
          <div class="table-wrap">
            <table data-testid="enrolments">
              <thead><tr><th scope="col">{t('train.cadre')}</th><th scope="col">{t('train.enrolledOn')}</th><th scope="col">{t('train.result')}</th></tr></thead>
              <tbody>
                {c.enrolments.map((en) => (
                  <tr key={en.id} data-testid={`enrolment-${en.cadre_id}`}>
                    <th scope="row"><Link href={`/cadres/${en.cadre_id}`}>{en.full_name}</Link></th>
                    <td>{formatDate(en.enrolled_on)}</td>
                    <td><span data-testid="enrol-result">{en.result_label}{en.grade ? `, ${en.grade}` : ''}</span>
                      <ResultForm en={en} onDone={() => { setErrs({}); setNote(t('train.resultNote')); setTick(tick + 1); }} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <form onSubmit={enrol} class="card" aria-labelledby="enrol_h" noValidate data-testid="enrol">
        <h2 id="enrol_h">{t('train.enrol')}</h2>
        <SelectField id="e_cadre" label={t('train.cadre')} value={cadre} onChange={setCadre} error={errs.e_cadre}
          options={(cadres.data?.cadres ?? []).map((x) => [String(x.id), x.full_name])} />
        <DateField id="e_date" label={t('train.enrolDate')} value={date} onInput={setDate} error={errs.e_date} />
        <button type="submit">{t('train.save')}</button>
      </form>
      {note && <p role="status" class="ok-text" data-testid="class-note">{note}</p>}
    </section>
  );
}

/** The trainings of a career page (/cadres/{id}). */
export function CareerTrainings({ items }: { items: CareerTraining[] }) {
  return (
    <section class="card" aria-labelledby="career_tr_h" data-testid="career-training">
      <h2 id="career_tr_h">{t('train.career')}</h2>
      {items.length === 0 ? <p class="muted">{t('train.noCareer')}</p> : (
        <div class="table-wrap">
          <table>
            <thead><tr><th scope="col">{t('train.programme')}</th><th scope="col">{t('train.dates')}</th><th scope="col">{t('train.name')}</th><th scope="col">{t('train.result')}</th></tr></thead>
            <tbody>
              {items.map((x, i) => (
                <tr key={i}>
                  <td>{programmeText(x)}</td>
                  <td>{formatDate(x.from)}{x.to ? ` – ${formatDate(x.to)}` : ''}</td>
                  <td>{x.class_id ? <Link href={`/cadres/classes/${x.class_id}`}>{x.name}</Link> : <span class="muted">{x.institution || t('train.outside')}</span>}</td>
                  <td>{x.result_label ?? ''}{x.grade ? `, ${x.grade}` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
