// Inspection, supervision and party discipline over the account's scope for a period (issue 16):
// the board's sentences ("kiểm tra đối với … tổ chức đảng, … đảng viên; giám sát …; thi hành kỷ
// luật …"), discipline by form, inspections by content area, the letters' figures, the report as
// XLSX and PDF, and the period's inspections and decisions, each linked to its page; staff enter
// inspections and decisions here (InspectionRecords.tsx). Figures come from the API
// (src/api/inspection.c, src/api/complaint.c), which computes them from the records.
import { useState } from 'preact/hooks';
import { request, withQuery } from '../api';
import { DateField, ErrorBox, Link, Loading, useAsync } from '../components/ui';
import { formatDate, formatNumber, parseDate, todayIso } from '../format';
import { t } from '../i18n';
import { canEdit, useUser } from '../session';
import { AREAS, FORMS, NewDiscipline, NewInspection, PlanSection, type Plan } from './InspectionRecords';

interface Counts {
  sentence: string;
  disciplined: { orgs: number; members: number; by_form: Record<string, number> };
  by_area: Record<string, number>;
  teams: { count: number; orgs: number; members: number };
}
interface LetterCounts { sentence: string }
interface Inspection { id: number; kind_label: string; start: string; orgs: number; members: number; conclusion: string }
interface Discipline { id: number; member_id: number | null; org_id: number | null; current_label: string; decision_date: string; expires: string | null }

const CONCLUSIONS: Record<string, string> = { pending: 'Chưa kết luận', no_violation: 'Không vi phạm', violation: 'Có vi phạm', discipline_due: 'Đến mức xem xét kỷ luật' };

const api = {
  report: (from: string, to: string) => request<Counts>('GET', withQuery('/api/inspections/report', { from, to })),
  letters: (from: string, to: string) => request<LetterCounts>('GET', withQuery('/api/complaints/report', { from, to })),
  list: (from: string, to: string) => request<{ items: Inspection[] }>('GET', withQuery('/api/inspections', { from, to })),
  disciplines: (from: string, to: string) => request<{ items: Discipline[] }>('GET', withQuery('/api/disciplines', { from, to })),
  plan: (year: number) => request<Plan>('GET', withQuery('/api/inspections/plan', { year })),
};

function Figures({ rows, testid }: { rows: [string, string, number][]; testid: string }) {
  return (
    <table data-testid={testid}>
      <tbody>
        {rows.map(([key, label, n]) => <tr key={key} data-testid={`${testid}-${key}`}><th scope="row">{label}</th><td class="num">{formatNumber(n)}</td></tr>)}
      </tbody>
    </table>
  );
}

export function InspectionsPage() {
  const user = useUser();
  const [tick, setTick] = useState(0);
  const year = new Date().getFullYear();
  const [from, setFrom] = useState(`01/01/${year}`);
  const [to, setTo] = useState(formatDate(todayIso()));
  const [period, setPeriod] = useState<[string, string]>([`${year}-01-01`, todayIso()]);
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [f, tt] = period;
  const report = useAsync(() => api.report(f, tt), [f, tt, tick]);
  const letters = useAsync(() => api.letters(f, tt), [f, tt]);
  const list = useAsync(() => api.list(f, tt), [f, tt, tick]);
  const disc = useAsync(() => api.disciplines(f, tt), [f, tt, tick]);
  const planYear = Number(tt.slice(0, 4));
  const plan = useAsync(() => api.plan(planYear), [planYear, tick]);
  const apply = (e: Event) => {
    e.preventDefault();
    const a = parseDate(from), z = parseDate(to);
    const x: Record<string, string> = {};
    if (!a) x.i_from = t('cpl.badDate');
    if (!z) x.i_to = t('cpl.badDate');
    setErrs(x);
    if (a && z) setPeriod([a, z]);
  };
  const q = `from=${f}&to=${tt}`;
  return (
    <section aria-labelledby="insp_h">
      <h1 id="insp_h">{t('insp.title')}</h1>
      <form onSubmit={apply} class="inline-form" noValidate aria-label={t('insp.period')}>
        <DateField id="i_from" label={t('cpl.from')} value={from} onInput={setFrom} error={errs.i_from} />
        <DateField id="i_to" label={t('cpl.to')} value={to} onInput={setTo} error={errs.i_to} />
        <button type="submit">{t('insp.show')}</button>
      </form>
      {report.loading && !report.data && <Loading />}
      {report.error != null && <ErrorBox error={report.error} onRetry={report.reload} />}
      {report.data && (
        <>
          <h2>{t('insp.sentence')}</h2>
          <p data-testid="insp-sentence">{report.data.sentence}</p>
          {letters.data && <p data-testid="letters-sentence">{letters.data.sentence}</p>}
          <p>
            {t('insp.download')}: <a href={`/api/inspections/report.xlsx?${q}`} data-testid="report-xlsx" download>XLSX</a>
            {' · '}<a href={`/api/inspections/report.pdf?${q}`} data-testid="report-pdf" download>PDF</a>
          </p>
          <h2>{t('insp.byForm')}</h2>
          <Figures testid="by-form" rows={FORMS.map(([k, l]) => [k, l, report.data!.disciplined.by_form[k] ?? 0])} />
          <h2>{t('insp.byArea')}</h2>
          <Figures testid="by-area" rows={AREAS.map(([k, l]) => [k, l, report.data!.by_area?.[k] ?? 0])} />
        </>
      )}
      <h2>{t('insp.list')}</h2>
      {list.data && (list.data.items.length === 0 ? <p>{t('insp.none')}</p> : (
        <table data-testid="inspections">
          <thead><tr><th scope="col">{t('insp.kind')}</th><th scope="col">{t('insp.start')}</th><th scope="col">{t('insp.subjects')}</th><th scope="col">{t('insp.conclusion')}</th></tr></thead>
          <tbody>
            {list.data.items.map((i) => (
              <tr key={i.id} data-testid={`inspection-${i.id}`}>
                <td><Link href={`/inspections/${i.id}`}>{i.kind_label}</Link></td><td>{formatDate(i.start)}</td>
                <td>{t('insp.subjectsN', { o: String(i.orgs), m: String(i.members) })}</td>
                <td>{CONCLUSIONS[i.conclusion] ?? i.conclusion}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <h2>{t('insp.disciplines')}</h2>
      {disc.data && (disc.data.items.length === 0 ? <p>{t('insp.noDisc')}</p> : (
        <table data-testid="disciplines">
          <thead><tr><th scope="col">{t('insp.decision')}</th><th scope="col">{t('insp.subject')}</th><th scope="col">{t('insp.form')}</th><th scope="col">{t('insp.expires')}</th></tr></thead>
          <tbody>
            {disc.data.items.map((d) => (
              <tr key={d.id} data-testid={`discipline-${d.id}`}>
                <td><Link href={`/disciplines/${d.id}`}>{formatDate(d.decision_date)}</Link></td>
                <td>{d.member_id ? t('cpl.subjectMemberRef', { id: String(d.member_id) }) : t('cpl.subjectOrgRef', { id: String(d.org_id) })}</td>
                <td>{d.current_label}</td>
                <td>{formatDate(d.expires) || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <PlanSection year={planYear} plan={plan.data} onChanged={() => setTick(tick + 1)} />
      {canEdit(user) && <NewInspection planItems={plan.data?.items ?? []} onDone={() => setTick(tick + 1)} />}
      {canEdit(user) && <NewDiscipline onDone={() => setTick(tick + 1)} />}
    </section>
  );
}
