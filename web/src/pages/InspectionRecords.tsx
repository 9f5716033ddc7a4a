// Entering inspection and discipline records (issue 16): a new inspection or supervision (kind,
// body, the team with its members, subjects, content areas, dates), one inspection with its
// conclusion (findings, follow-up), a discipline decision for a member or an organization, and
// one decision with its appeal (khiếu nại kỷ luật) and result. The rules (forms per subject,
// limitation periods, dates, the 12-month expiry, appeals) are the server's
// (src/core/inspection.c): a refusal is shown at the field it names and nothing is written.
// The year's plan (chương trình kiểm tra, giám sát năm): its items with how far they were carried
// out, an item added, and an inspection naming the item it carries out.
import { useState } from 'preact/hooks';
import { request } from '../api';
import { DateField, ErrorBox, errorText, Link, Loading, SelectField, TextField, useAsync } from '../components/ui';
import { formatDate, parseDate, todayIso } from '../format';
import { t, type MessageKey } from '../i18n';
import { canEdit, useUser } from '../session';

export const KINDS: [string, string][] = [
  ['kt_thuong_xuyen', 'Kiểm tra thường xuyên'], ['kt_dau_hieu', 'Kiểm tra khi có dấu hiệu vi phạm'],
  ['kt_chuyen_de', 'Kiểm tra chuyên đề'], ['kt_thi_hanh_ky_luat', 'Kiểm tra việc thi hành kỷ luật'],
  ['gs_thuong_xuyen', 'Giám sát thường xuyên'], ['gs_chuyen_de', 'Giám sát chuyên đề'],
];
export const BODIES: [string, string][] = [
  ['ubkt', 'Ủy ban kiểm tra'], ['cap_uy', 'Cấp ủy'], ['ban_thuong_vu', 'Ban Thường vụ'], ['chi_bo', 'Chi bộ'], ['doan', 'Đoàn kiểm tra, giám sát'],
];
export const FORMS: [string, string][] = [['khien_trach', 'Khiển trách'], ['canh_cao', 'Cảnh cáo'], ['cach_chuc', 'Cách chức'], ['khai_tru', 'Khai trừ'], ['giai_tan', 'Giải tán']];
/** The forms each kind of subject may receive (Điều lệ Đảng; the server checks a probationary member's). */
const MEMBER_FORMS = FORMS.filter(([k]) => k !== 'giai_tan');
const ORG_FORMS = FORMS.filter(([k]) => k === 'khien_trach' || k === 'canh_cao' || k === 'giai_tan');
export const AREAS: [string, string][] = [
  ['nghi_quyet', 'Chấp hành nghị quyết, chỉ thị'], ['quy_che', 'Quy chế làm việc'], ['tap_trung_dan_chu', 'Nguyên tắc tập trung dân chủ'],
  ['can_bo', 'Công tác cán bộ'], ['tham_nhung', 'Phòng, chống tham nhũng, lãng phí'], ['tai_chinh', 'Tài chính đảng'],
  ['tai_san', 'Kê khai tài sản, thu nhập'], ['dao_duc', 'Phẩm chất đạo đức, lối sống'], ['khac', 'Khác'],
];
const CONCLUSIONS: [string, string][] = [['no_violation', 'Không vi phạm'], ['violation', 'Có vi phạm, chưa đến mức kỷ luật'], ['discipline_due', 'Có vi phạm đến mức phải xem xét kỷ luật']];
const APPEAL_RESULTS = ['pending', 'kept', 'changed', 'annulled'];

export interface InspectionRec {
  id: number; kind: string; kind_label: string; body: string; body_label: string; body_org_id: number; team: string;
  areas: string[]; start: string; end: string | null; concluded_on: string | null; conclusion: string; conclusion_label: string;
  findings: string; follow_up: string; orgs: number; members: number; decision_no: string;
}
export interface DisciplineRec {
  id: number; org_id: number | null; member_id: number | null; subject_org_id: number; form: string; current: string;
  current_label: string; violation_date: string | null; decision_date: string; announced_on: string | null;
  expires: string | null; annulled: string | null; decision_no: string; reason: string; inspection_id: number | null;
}

export interface PlanItem {
  id: number; body_org_id: number; year: number; month: number; kind: string; kind_label: string; body: string;
  body_label: string; areas: string[]; planned_orgs: number; planned_members: number; title: string; carried_out: number;
}
export interface Plan {
  year: number; sentence: string; items: PlanItem[];
  planned: { inspections: number; supervisions: number }; done: { inspections: number; supervisions: number };
  outside: { inspections: number; supervisions: number };
}

const recApi = {
  plan: (year: number) => request<Plan>('GET', `/api/inspections/plan?year=${year}`),
  addPlanItem: (b: unknown) => request<PlanItem>('POST', '/api/inspections/plan', b),
  addInspection: (b: unknown) => request<InspectionRec>('POST', '/api/inspections', b),
  inspection: (id: number) => request<InspectionRec>('GET', `/api/inspections/${id}`),
  conclude: (id: number, b: unknown) => request<InspectionRec>('POST', `/api/inspections/${id}/conclude`, b),
  addDiscipline: (b: unknown) => request<DisciplineRec>('POST', '/api/disciplines', b),
  discipline: (id: number) => request<DisciplineRec>('GET', `/api/disciplines/${id}`),
  appeal: (id: number, b: unknown) => request<DisciplineRec>('POST', `/api/disciplines/${id}/appeal`, b),
};

/** The server's field name → the input's id (a refusal shown where it belongs). */
function fieldError(err: unknown, ids: Record<string, string>, fallback: string): Record<string, string> {
  const f = (err as { field?: string }).field ?? '';
  return { [ids[f] ?? fallback]: errorText(err) };
}

/** Optional dd/mm/yyyy → ISO ('' when empty), the error into errs. */
function optDate(text: string, errs: Record<string, string>, id: string): string {
  if (!text.trim()) return '';
  const iso = parseDate(text);
  if (!iso) errs[id] = t('cpl.badDate');
  return iso ?? '';
}

function focusFirst(x: Record<string, string>) {
  const k = Object.keys(x)[0];
  if (k) (document.getElementById(k) as HTMLElement | null)?.focus();
}

export function NewInspection({ onDone, planItems }: { onDone: (i: InspectionRec) => void; planItems: PlanItem[] }) {
  const user = useUser();
  const [planItem, setPlanItem] = useState('');
  const [kind, setKind] = useState('kt_chuyen_de');
  const [body, setBody] = useState('ubkt');
  const [bodyOrg, setBodyOrg] = useState(String(user.scope.id));
  const [start, setStart] = useState(formatDate(todayIso()));
  const [end, setEnd] = useState('');
  const [areas, setAreas] = useState<string[]>([]);
  const [team, setTeam] = useState('');
  const [teamMembers, setTeamMembers] = useState('');
  const [orgs, setOrgs] = useState('');
  const [members, setMembers] = useState('');
  const [decisionNo, setDecisionNo] = useState('');
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    const x: Record<string, string> = {};
    const s = parseDate(start);
    if (!s) x.ni_start = t('cpl.badDate');
    const en = optDate(end, x, 'ni_end');
    const ids = (v: string, id: string) => {
      const parts = v.split(/[\s,;]+/).filter(Boolean);
      if (parts.some((p) => !/^\d+$/.test(p) || Number(p) <= 0)) x[id] = t('insp.badIds');
      return parts.join(',');
    };
    const o = ids(orgs, 'ni_orgs'), m = ids(members, 'ni_members');
    if (!o && !m && !x.ni_orgs && !x.ni_members) x.ni_orgs = t('insp.noSubject');
    if (!/^\d+$/.test(bodyOrg.trim())) x.ni_body_org = t('cpl.badId');
    setErrs(x);
    setNote('');
    if (Object.keys(x).length) { focusFirst(x); return; }
    const b: Record<string, unknown> = { kind, body, body_org_id: Number(bodyOrg.trim()), start: s };
    if (en) b.end = en;
    if (areas.length) b.areas = areas.join(',');
    if (team.trim()) b.team = team.trim();
    if (teamMembers.trim()) b.team_members = teamMembers.trim();
    if (o) b.orgs = o;
    if (m) b.members = m;
    if (decisionNo.trim()) b.decision_no = decisionNo.trim();
    if (planItem) b.plan_item_id = Number(planItem);
    try {
      const r = await recApi.addInspection(b);
      setNote(t('insp.added', { id: String(r.id) }));
      setOrgs(''); setMembers(''); setTeam(''); setTeamMembers(''); setAreas([]); setDecisionNo(''); setEnd(''); setPlanItem('');
      onDone(r);
    } catch (err) {
      const map = { start: 'ni_start', end: 'ni_end', orgs: 'ni_orgs', members: 'ni_members', team: 'ni_team', team_members: 'ni_team_members', body_org_id: 'ni_body_org', areas: 'ni_orgs', kind: 'ni_kind', body: 'ni_body', decision_no: 'ni_decision', plan_item_id: 'ni_plan_item' };
      const y = fieldError(err, map, 'ni_orgs');
      setErrs(y);
      focusFirst(y);
    }
  };
  return (
    <form onSubmit={submit} class="card" noValidate aria-labelledby="ni_h" data-testid="new-inspection">
      <h2 id="ni_h">{t('insp.new')}</h2>
      <SelectField id="ni_kind" label={t('insp.kind')} value={kind} onChange={setKind} options={KINDS} error={errs.ni_kind} />
      <SelectField id="ni_body" label={t('insp.body')} value={body} onChange={setBody} options={BODIES} error={errs.ni_body} />
      <TextField id="ni_body_org" label={t('insp.bodyOrg')} value={bodyOrg} onInput={setBodyOrg} error={errs.ni_body_org} inputMode="numeric" />
      {body === 'doan' && (
        <>
          <TextField id="ni_team" label={t('insp.team')} value={team} onInput={setTeam} error={errs.ni_team} />
          <TextField id="ni_team_members" label={t('insp.teamMembers')} hint={t('insp.teamMembersHint')} value={teamMembers} onInput={setTeamMembers} error={errs.ni_team_members} />
        </>
      )}
      <DateField id="ni_start" label={t('insp.start')} value={start} onInput={setStart} error={errs.ni_start} required />
      <DateField id="ni_end" label={t('insp.end')} value={end} onInput={setEnd} error={errs.ni_end} />
      <TextField id="ni_orgs" label={t('insp.subjectOrgs')} hint={t('insp.idsHint')} value={orgs} onInput={setOrgs} error={errs.ni_orgs} />
      <TextField id="ni_members" label={t('insp.subjectMembers')} hint={t('insp.idsHint')} value={members} onInput={setMembers} error={errs.ni_members} />
      <fieldset>
        <legend>{t('insp.areas')}</legend>
        {AREAS.map(([k, l]) => (
          <label key={k} class="check">
            <input type="checkbox" id={`ni_area_${k}`} checked={areas.includes(k)}
              onChange={(e) => setAreas((e.currentTarget as HTMLInputElement).checked ? [...areas, k] : areas.filter((a) => a !== k))} /> {l}
          </label>
        ))}
      </fieldset>
      <TextField id="ni_decision" label={t('insp.decisionNo')} value={decisionNo} onInput={setDecisionNo} error={errs.ni_decision} />
      <SelectField id="ni_plan_item" label={t('plan.carriesOut')} value={planItem} onChange={setPlanItem} error={errs.ni_plan_item}
        empty={t('plan.outside')} options={planItems.map((p) => [String(p.id), `#${p.id} ${p.kind_label}${p.title ? ` — ${p.title}` : ''}`])} />
      <button type="submit">{t('insp.add')}</button>
      {note && <p role="status" class="ok-text">{note}</p>}
    </form>
  );
}

export function NewDiscipline({ onDone }: { onDone: (d: DisciplineRec) => void }) {
  const [subject, setSubject] = useState<'member' | 'org'>('member');
  const [id, setId] = useState('');
  const [form, setForm] = useState('khien_trach');
  const [decision, setDecision] = useState(formatDate(todayIso()));
  const [violation, setViolation] = useState('');
  const [announced, setAnnounced] = useState('');
  const [decisionNo, setDecisionNo] = useState('');
  const [reason, setReason] = useState('');
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const forms = subject === 'org' ? ORG_FORMS : MEMBER_FORMS;
  const submit = async (e: Event) => {
    e.preventDefault();
    const x: Record<string, string> = {};
    if (!/^\d+$/.test(id.trim()) || Number(id.trim()) <= 0) x.nd_id = t('cpl.badId');
    const d = parseDate(decision);
    if (!d) x.nd_decision = t('cpl.badDate');
    const v = optDate(violation, x, 'nd_violation');
    const a = optDate(announced, x, 'nd_announced');
    setErrs(x);
    setNote('');
    if (Object.keys(x).length) { focusFirst(x); return; }
    const b: Record<string, unknown> = { form, decision_date: d, [subject === 'org' ? 'org_id' : 'member_id']: Number(id.trim()) };
    if (v) b.violation_date = v;
    if (a) b.announced_on = a;
    if (decisionNo.trim()) b.decision_no = decisionNo.trim();
    if (reason.trim()) b.reason = reason.trim();
    try {
      const r = await recApi.addDiscipline(b);
      setNote(t('insp.discAdded', { id: String(r.id), f: r.current_label }));
      setId(''); setViolation(''); setAnnounced(''); setDecisionNo(''); setReason('');
      onDone(r);
    } catch (err) {
      const map = { form: 'nd_form', member_id: 'nd_id', org_id: 'nd_id', decision_date: 'nd_decision', violation_date: 'nd_violation', announced_on: 'nd_announced', decision_no: 'nd_decision_no', reason: 'nd_reason' };
      const y = fieldError(err, map, 'nd_form');
      setErrs(y);
      focusFirst(y);
    }
  };
  return (
    <form onSubmit={submit} class="card" noValidate aria-labelledby="nd_h" data-testid="new-discipline">
      <h2 id="nd_h">{t('insp.newDisc')}</h2>
      <SelectField id="nd_subject" label={t('insp.subjectKind')} value={subject}
        onChange={(v) => { setSubject(v as 'member' | 'org'); setForm('khien_trach'); }}
        options={[['member', t('insp.subjectKind.member')], ['org', t('insp.subjectKind.org')]]} />
      <TextField id="nd_id" label={subject === 'org' ? t('insp.orgId') : t('insp.memberId')} value={id} onInput={setId} error={errs.nd_id} inputMode="numeric" required />
      <SelectField id="nd_form" label={t('insp.form')} value={form} onChange={setForm} options={forms} error={errs.nd_form} />
      {subject === 'member' && <p class="hint">{t('insp.probationaryHint')}</p>}
      <DateField id="nd_violation" label={t('insp.violation')} value={violation} onInput={setViolation} error={errs.nd_violation} />
      <DateField id="nd_decision" label={t('insp.decision')} value={decision} onInput={setDecision} error={errs.nd_decision} required />
      <DateField id="nd_announced" label={t('insp.announced')} value={announced} onInput={setAnnounced} error={errs.nd_announced} />
      <TextField id="nd_decision_no" label={t('insp.decisionNo')} value={decisionNo} onInput={setDecisionNo} error={errs.nd_decision_no} />
      <TextField id="nd_reason" label={t('insp.reason')} value={reason} onInput={setReason} error={errs.nd_reason} />
      <button type="submit">{t('insp.addDisc')}</button>
      {note && <p role="status" class="ok-text">{note}</p>}
    </form>
  );
}

export function InspectionPage({ id }: { id: number }) {
  const user = useUser();
  const [tick, setTick] = useState(0);
  const view = useAsync(() => recApi.inspection(id), [id, tick]);
  const [conclusion, setConclusion] = useState('no_violation');
  const [on, setOn] = useState('');
  const [findings, setFindings] = useState('');
  const [followUp, setFollowUp] = useState('');
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  if (view.loading && !view.data) return <Loading />;
  if (view.error != null) return <ErrorBox error={view.error} onRetry={view.reload} />;
  const i = view.data!;
  const submit = async (e: Event) => {
    e.preventDefault();
    const x: Record<string, string> = {};
    const d = optDate(on, x, 'ic_date');
    setErrs(x);
    if (Object.keys(x).length) { focusFirst(x); return; }
    const b: Record<string, unknown> = { conclusion, concluded_on: d || todayIso() };
    if (findings.trim()) b.findings = findings.trim();
    if (followUp.trim()) b.follow_up = followUp.trim();
    try {
      await recApi.conclude(id, b);
      setNote(t('insp.concludedOk'));
      setTick(tick + 1);
    } catch (err) {
      const y = fieldError(err, { concluded_on: 'ic_date', conclusion: 'ic_conclusion', findings: 'ic_findings', follow_up: 'ic_follow_up' }, 'ic_conclusion');
      setErrs(y);
      focusFirst(y);
    }
  };
  const areaLabel = (k: string) => AREAS.find(([a]) => a === k)?.[1] ?? k;
  return (
    <section aria-labelledby="insp1_h">
      <p><Link href="/inspections">{t('insp.back')}</Link></p>
      <h1 id="insp1_h">{i.kind_label} #{i.id}</h1>
      <dl class="facts" data-testid="inspection">
        <dt>{t('insp.body')}</dt><dd>{i.body_label}{i.team && ` — ${i.team}`} ({t('cpl.subjectOrgRef', { id: String(i.body_org_id) })})</dd>
        <dt>{t('insp.start')}</dt><dd data-testid="insp-start">{formatDate(i.start)}{i.end && ` – ${formatDate(i.end)}`}</dd>
        <dt>{t('insp.subjects')}</dt><dd>{t('insp.subjectsN', { o: String(i.orgs), m: String(i.members) })}</dd>
        <dt>{t('insp.areas')}</dt><dd>{i.areas.length ? i.areas.map(areaLabel).join('; ') : '—'}</dd>
        {i.decision_no && <><dt>{t('insp.decisionNo')}</dt><dd>{i.decision_no}</dd></>}
        <dt>{t('insp.conclusion')}</dt><dd data-testid="insp-conclusion">{i.conclusion_label}{i.concluded_on && ` (${formatDate(i.concluded_on)})`}</dd>
        {i.findings && <><dt>{t('insp.findings')}</dt><dd>{i.findings}</dd></>}
        {i.follow_up && <><dt>{t('insp.followUp')}</dt><dd>{i.follow_up}</dd></>}
      </dl>
      {note && <p role="status" class="ok-text">{note}</p>}
      {canEdit(user) && i.conclusion === 'pending' && (
        <form onSubmit={submit} class="card" noValidate aria-labelledby="ic_h" data-testid="conclude">
          <h2 id="ic_h">{t('insp.conclude')}</h2>
          <SelectField id="ic_conclusion" label={t('insp.conclusion')} value={conclusion} onChange={setConclusion} options={CONCLUSIONS} error={errs.ic_conclusion} />
          <DateField id="ic_date" label={t('insp.concludedOn')} value={on} onInput={setOn} error={errs.ic_date} />
          <TextField id="ic_findings" label={t('insp.findings')} value={findings} onInput={setFindings} error={errs.ic_findings} />
          <TextField id="ic_follow_up" label={t('insp.followUp')} value={followUp} onInput={setFollowUp} error={errs.ic_follow_up} />
          <button type="submit">{t('cpl.save')}</button>
        </form>
      )}
    </section>
  );
}

export function DisciplinePage({ id }: { id: number }) {
  const user = useUser();
  const [tick, setTick] = useState(0);
  const view = useAsync(() => recApi.discipline(id), [id, tick]);
  const [lodged, setLodged] = useState('');
  const [result, setResult] = useState('pending');
  const [form, setForm] = useState('khien_trach');
  const [decided, setDecided] = useState('');
  const [decisionNo, setDecisionNo] = useState('');
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  if (view.loading && !view.data) return <Loading />;
  if (view.error != null) return <ErrorBox error={view.error} onRetry={view.reload} />;
  const d = view.data!;
  const submit = async (e: Event) => {
    e.preventDefault();
    const x: Record<string, string> = {};
    const l = parseDate(lodged);
    if (!l) x.ap_lodged = t('cpl.badDate');
    const dd = optDate(decided, x, 'ap_decided');
    if (result !== 'pending' && !dd && !x.ap_decided) x.ap_decided = t('insp.resultDate');
    setErrs(x);
    setNote('');
    if (Object.keys(x).length) { focusFirst(x); return; }
    const b: Record<string, unknown> = { lodged_on: l, result };
    if (result === 'changed') b.form = form;
    if (dd) b.decided_on = dd;
    if (decisionNo.trim()) b.decision_no = decisionNo.trim();
    try {
      await recApi.appeal(id, b);
      setNote(t('insp.appealOk'));
      setLodged(''); setDecided(''); setDecisionNo(''); setResult('pending');
      setTick(tick + 1);
    } catch (err) {
      const y = fieldError(err, { lodged_on: 'ap_lodged', decided_on: 'ap_decided', form: 'ap_form', result: 'ap_result', decision_no: 'ap_decision_no' }, 'ap_result');
      setErrs(y);
      focusFirst(y);
    }
  };
  const forms = d.org_id ? ORG_FORMS : MEMBER_FORMS;
  const formLabel = (k: string) => FORMS.find(([f]) => f === k)?.[1] ?? k;
  return (
    <section aria-labelledby="disc_h">
      <p><Link href="/inspections">{t('insp.back')}</Link></p>
      <h1 id="disc_h">{t('insp.discTitle', { id: String(d.id) })}</h1>
      <dl class="facts" data-testid="discipline">
        <dt>{t('insp.subject')}</dt>
        <dd>{d.member_id ? <Link href={`/members/${d.member_id}`}>{t('cpl.subjectMemberRef', { id: String(d.member_id) })}</Link> : t('cpl.subjectOrgRef', { id: String(d.org_id) })}</dd>
        <dt>{t('insp.formDecided')}</dt><dd>{formLabel(d.form)}</dd>
        <dt>{t('insp.form')}</dt><dd data-testid="disc-current">{d.current_label}</dd>
        {d.violation_date && <><dt>{t('insp.violation')}</dt><dd>{formatDate(d.violation_date)}</dd></>}
        <dt>{t('insp.decision')}</dt><dd>{formatDate(d.decision_date)}{d.decision_no && ` — ${d.decision_no}`}</dd>
        {d.announced_on && <><dt>{t('insp.announced')}</dt><dd>{formatDate(d.announced_on)}</dd></>}
        <dt>{t('insp.expires')}</dt><dd data-testid="disc-expires">{d.annulled ? t('insp.annulledOn', { d: formatDate(d.annulled) }) : formatDate(d.expires) || t('insp.noExpiry')}</dd>
        {d.reason && <><dt>{t('insp.reason')}</dt><dd>{d.reason}</dd></>}
      </dl>
      {note && <p role="status" class="ok-text">{note}</p>}
      {canEdit(user) && !d.annulled && (
        <form onSubmit={submit} class="card" noValidate aria-labelledby="ap_h" data-testid="appeal">
          <h2 id="ap_h">{t('insp.appeal')}</h2>
          <DateField id="ap_lodged" label={t('insp.lodged')} value={lodged} onInput={setLodged} error={errs.ap_lodged} required />
          <SelectField id="ap_result" label={t('insp.appealResult')} value={result} onChange={setResult} error={errs.ap_result}
            options={APPEAL_RESULTS.map((r) => [r, t(`insp.appeal.${r}` as MessageKey)])} />
          {result === 'changed' && <SelectField id="ap_form" label={t('insp.newForm')} value={form} onChange={setForm} options={forms} error={errs.ap_form} />}
          {result !== 'pending' && <DateField id="ap_decided" label={t('insp.appealDecided')} value={decided} onInput={setDecided} error={errs.ap_decided} />}
          <TextField id="ap_decision_no" label={t('insp.decisionNo')} value={decisionNo} onInput={setDecisionNo} error={errs.ap_decision_no} />
          <button type="submit">{t('cpl.save')}</button>
        </form>
      )}
    </section>
  );
}

/** The year's plan over the account's scope: the sentence, the items, and (staff) a new item. */
export function PlanSection({ year, plan, onChanged }: { year: number; plan: Plan | undefined; onChanged: () => void }) {
  const user = useUser();
  const [kind, setKind] = useState('kt_chuyen_de');
  const [body, setBody] = useState('ubkt');
  const [bodyOrg, setBodyOrg] = useState(String(user.scope.id));
  const [orgs, setOrgs] = useState('');
  const [members, setMembers] = useState('');
  const [month, setMonth] = useState('0');
  const [title, setTitle] = useState('');
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const count = (v: string, id: string, x: Record<string, string>) => {
    if (!v.trim()) return 0;
    if (!/^\d+$/.test(v.trim())) x[id] = t('plan.badNumber');
    return Number(v.trim());
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    const x: Record<string, string> = {};
    const o = count(orgs, 'pl_orgs', x), m = count(members, 'pl_members', x);
    if (!/^\d+$/.test(bodyOrg.trim())) x.pl_body_org = t('cpl.badId');
    setErrs(x);
    setNote('');
    if (Object.keys(x).length) { focusFirst(x); return; }
    const b: Record<string, unknown> = { body_org_id: Number(bodyOrg.trim()), year, kind, body, planned_orgs: o, planned_members: m, month: Number(month) };
    if (title.trim()) b.title = title.trim();
    try {
      const r = await recApi.addPlanItem(b);
      setNote(t('plan.added', { id: String(r.id) }));
      setOrgs(''); setMembers(''); setTitle('');
      onChanged();
    } catch (err) {
      const y = fieldError(err, { kind: 'pl_kind', body: 'pl_body', body_org_id: 'pl_body_org', orgs: 'pl_orgs', planned_orgs: 'pl_orgs', planned_members: 'pl_members', month: 'pl_month', title: 'pl_title', year: 'pl_kind' }, 'pl_kind');
      setErrs(y);
      focusFirst(y);
    }
  };
  const months: [string, string][] = [['0', t('plan.wholeYear')], ...Array.from({ length: 12 }, (_, i): [string, string] => [String(i + 1), t('plan.month', { m: String(i + 1) })])];
  return (
    <section aria-labelledby="plan_h" data-testid="plan">
      <h2 id="plan_h">{t('plan.title', { y: String(year) })}</h2>
      {plan && <p data-testid="plan-sentence">{plan.sentence}</p>}
      {plan && plan.items.length > 0 && (
        <div class="table-wrap">
          <table data-testid="plan-items">
            <thead><tr>
              <th scope="col">{t('cpl.no')}</th><th scope="col">{t('insp.kind')}</th><th scope="col">{t('plan.when')}</th>
              <th scope="col">{t('insp.subjects')}</th><th scope="col">{t('plan.state')}</th>
            </tr></thead>
            <tbody>
              {plan.items.map((p) => (
                <tr key={p.id} data-testid={`plan-item-${p.id}`}>
                  <td>#{p.id}</td>
                  <td>{p.kind_label}{p.title && <> — {p.title}</>}</td>
                  <td>{p.month ? t('plan.month', { m: String(p.month) }) : t('plan.wholeYear')}</td>
                  <td>{t('insp.subjectsN', { o: String(p.planned_orgs), m: String(p.planned_members) })}</td>
                  <td>{p.carried_out ? t('plan.done', { n: String(p.carried_out) }) : t('plan.notDone')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canEdit(user) && (
        <form onSubmit={submit} class="card" noValidate aria-labelledby="pl_h" data-testid="new-plan-item">
          <h3 id="pl_h">{t('plan.new')}</h3>
          <SelectField id="pl_kind" label={t('insp.kind')} value={kind} onChange={setKind} options={KINDS.filter(([k]) => k !== 'gs_thuong_xuyen')} error={errs.pl_kind} />
          <SelectField id="pl_body" label={t('insp.body')} value={body} onChange={setBody} options={BODIES} error={errs.pl_body} />
          <TextField id="pl_body_org" label={t('insp.bodyOrg')} value={bodyOrg} onInput={setBodyOrg} error={errs.pl_body_org} inputMode="numeric" />
          <TextField id="pl_orgs" label={t('plan.orgs')} value={orgs} onInput={setOrgs} error={errs.pl_orgs} inputMode="numeric" />
          <TextField id="pl_members" label={t('plan.members')} value={members} onInput={setMembers} error={errs.pl_members} inputMode="numeric" />
          <SelectField id="pl_month" label={t('plan.when')} value={month} onChange={setMonth} options={months} error={errs.pl_month} />
          <TextField id="pl_title" label={t('plan.itemTitle')} value={title} onInput={setTitle} error={errs.pl_title} />
          <button type="submit">{t('plan.add')}</button>
          {note && <p role="status" class="ok-text">{note}</p>}
        </form>
      )}
    </section>
  );
}
