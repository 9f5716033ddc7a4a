import { useRef, useState } from 'preact/hooks';
import { ApiError, api, type OrgRef } from '../api';
import { OrgPicker } from '../components/OrgPicker';
import { ConfirmDialog, DateField, ErrorBox, Field, Link, Loading, SelectField, TextField, errorText, useAsync } from '../components/ui';
import { label, t, type MessageKey } from '../i18n';
import { suspended } from '../member';
import { navigate } from '../router';
import {
  BADGE_YEARS, checkAdmission, checkBadge, checkCard, checkCommend, checkDiscipline, checkExempt, checkExit, checkOfficial, checkReadmit,
  checkRestore, checkReturn, checkSuspend, checkTransfer, type Checked, type Values,
} from '../validate';

interface FormState {
  values: Values;
  set: (k: string) => (v: string) => void;
  setValue: (k: string, v: string) => void;
  err: (k: string) => string | undefined;
  general: string;
  busy: boolean;
  confirming: boolean;
  submit: (e: Event) => void;
  confirm: () => void;
  cancel: () => void;
  formRef: { current: HTMLFormElement | null };
}

/**
 * Shared submit flow: check on the client, ask for confirmation, send, and show the API's error next
 * to the field it names (`error.field`), or above the buttons when it names none of the form's fields.
 */
function useMemberForm(initial: Values, fields: string[], check: (v: Values) => Checked, send: (payload: Checked['payload']) => Promise<{ id: number }>): FormState {
  const [values, setValues] = useState<Values>(initial);
  const [clientErr, setClientErr] = useState<Record<string, MessageKey>>({});
  const [apiErr, setApiErr] = useState<{ field: string; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const focusFirstError = () => {
    setTimeout(() => {
      const el = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
      (el ?? formRef.current?.querySelector<HTMLElement>('.notice-error'))?.focus();
    }, 0);
  };
  const setValue = (k: string, v: string) => setValues((old) => ({ ...old, [k]: v }));
  return {
    values,
    set: (k) => (v) => setValue(k, v),
    setValue,
    err: (k) => (clientErr[k] ? t(clientErr[k]) : apiErr && apiErr.field === k ? apiErr.text : undefined),
    general: apiErr && !fields.includes(apiErr.field) ? apiErr.text : '',
    busy,
    confirming,
    formRef,
    submit: (e) => {
      e.preventDefault();
      setApiErr(null);
      const c = check(values);
      setClientErr(c.errors);
      if (Object.keys(c.errors).length) { focusFirstError(); return; }
      setConfirming(true);
    },
    cancel: () => setConfirming(false),
    confirm: async () => {
      const c = check(values);
      setBusy(true);
      try {
        const r = await send(c.payload);
        setConfirming(false);
        navigate(`/members/${r.id}`);
      } catch (err) {
        setConfirming(false);
        setApiErr({ field: err instanceof ApiError ? err.field : '', text: errorText(err) });
        focusFirstError();
      } finally {
        setBusy(false);
      }
    },
  };
}

function Buttons({ f, cancelHref }: { f: FormState; cancelHref: string }) {
  return (
    <>
      {f.general && <p class="notice notice-error" role="alert" tabIndex={-1} data-testid="form-error">{f.general}</p>}
      <div class="actions">
        <button type="submit" class="primary" disabled={f.busy}>{t('form.submit')}</button>
        <Link class="button" href={cancelHref}>{t('form.cancel')}</Link>
      </div>
      <ConfirmDialog open={f.confirming} busy={f.busy} title={t('confirm.title')} message={t('confirm.irreversible')} onConfirm={f.confirm} onCancel={f.cancel} />
    </>
  );
}

const THEORY = ['none', 'so_cap', 'trung_cap', 'cao_cap', 'cu_nhan'];
const ADMIT_FIELDS = ['full_name', 'gender', 'birth_date', 'ethnicity', 'religion', 'hometown', 'national_id', 'education',
  'professional_level', 'theory_level', 'party_card_no', 'org_id', 'decision_no', 'decision_date', 'ceremony_date'];

function AdmitForm({ org }: { org: OrgRef | null }) {
  const init: Values = Object.fromEntries(ADMIT_FIELDS.map((k) => [k, '']));
  init.org_id = org ? String(org.id) : '';
  init.theory_level = 'none';
  init.ethnicity = 'Kinh';
  init.religion = 'Không';
  const [picked, setPicked] = useState<OrgRef | null>(org);
  const f = useMemberForm(init, ADMIT_FIELDS, checkAdmission, (p) => api.admit(p));
  const v = f.values;
  return (
    <form ref={f.formRef} class="card form" onSubmit={f.submit} noValidate data-testid="admit-form">
      <h1>{t('form.admit')}</h1>
      <p class="hint"><span aria-hidden="true">*</span> {t('form.required')}</p>
      <fieldset>
        <legend>{t('form.personal')}</legend>
        <TextField id="full_name" label={t('member.fullName')} value={v.full_name} onInput={f.set('full_name')} error={f.err('full_name')} required autoComplete="off" />
        <SelectField id="gender" label={t('member.gender')} value={v.gender} onChange={f.set('gender')} error={f.err('gender')} required empty={t('form.choose')}
          options={[['nam', label('gender', 'nam')], ['nu', label('gender', 'nu')]]} />
        <DateField id="birth_date" label={t('member.birthDate')} value={v.birth_date} onInput={f.set('birth_date')} error={f.err('birth_date')} required />
        <TextField id="ethnicity" label={t('member.ethnicity')} value={v.ethnicity} onInput={f.set('ethnicity')} error={f.err('ethnicity')} />
        <TextField id="religion" label={t('member.religion')} value={v.religion} onInput={f.set('religion')} error={f.err('religion')} />
        <TextField id="hometown" label={t('member.hometown')} value={v.hometown} onInput={f.set('hometown')} error={f.err('hometown')} />
        <TextField id="national_id" label={t('member.nationalId')} value={v.national_id} onInput={f.set('national_id')} error={f.err('national_id')} inputMode="numeric" />
        <TextField id="education" label={t('member.education')} value={v.education} onInput={f.set('education')} error={f.err('education')} />
        <TextField id="professional_level" label={t('member.professional')} value={v.professional_level} onInput={f.set('professional_level')} error={f.err('professional_level')} />
        <SelectField id="theory_level" label={t('member.theory')} value={v.theory_level} onChange={f.set('theory_level')} error={f.err('theory_level')}
          options={THEORY.map((k) => [k, label('theory', k)])} />
      </fieldset>
      <fieldset>
        <legend>{t('form.admission')}</legend>
        <OrgPicker id="org_id" form="chi_bo" label={t('form.org')} value={picked} required error={f.err('org_id')}
          onChange={(o) => { setPicked(o); f.setValue('org_id', o ? String(o.id) : ''); }} />
        <TextField id="decision_no" label={t('form.decisionNo')} value={v.decision_no} onInput={f.set('decision_no')} error={f.err('decision_no')} required />
        <DateField id="decision_date" label={t('form.decisionDate')} value={v.decision_date} onInput={f.set('decision_date')} error={f.err('decision_date')} required />
        <DateField id="ceremony_date" label={t('member.ceremonyDate')} value={v.ceremony_date} onInput={f.set('ceremony_date')} error={f.err('ceremony_date')} />
        <TextField id="party_card_no" label={t('form.partyCard')} value={v.party_card_no} onInput={f.set('party_card_no')} error={f.err('party_card_no')} autoComplete="off" />
      </fieldset>
      <Buttons f={f} cancelHref={org ? `/orgs/${org.id}` : '/orgs'} />
    </form>
  );
}

export function AdmitPage({ orgId }: { orgId: number | null }) {
  const org = useAsync(() => (orgId ? api.org(orgId) : Promise.resolve(null)), [orgId]);
  if (org.error) return <ErrorBox error={org.error} />;
  if (org.loading && !org.data) return <Loading />;
  return <AdmitForm key={orgId ?? 0} org={org.data ? { id: org.data.id, name: org.data.name } : null} />;
}

export const ACTIONS = {
  official: { title: 'form.official', fields: ['decision_no', 'decision_date'], check: checkOfficial },
  transfer: { title: 'form.transfer', fields: ['to_org_id', 'kind', 'date', 'decision_no', 'until'], check: checkTransfer },
  discipline: { title: 'form.discipline', fields: ['form', 'date', 'decision_no', 'reason'], check: checkDiscipline },
  exempt: { title: 'form.exempt', fields: ['date', 'decision_no', 'end'], check: checkExempt },
  exit: { title: 'form.exit', fields: ['kind', 'date', 'decision_no', 'reason'], check: checkExit },
  return: { title: 'form.return', fields: ['date', 'decision_no'], check: checkReturn },
  suspend: { title: 'form.suspend', fields: ['date', 'decision_no', 'end', 'reason'], check: checkSuspend },
  restore: { title: 'form.restore', fields: ['to_org_id', 'date', 'decision_no', 'reason'], check: checkRestore },
  readmit: { title: 'form.readmit', fields: ['org_id', 'decision_no', 'decision_date', 'ceremony_date'], check: checkReadmit },
  badge: { title: 'form.badge', fields: ['years', 'date', 'decision_no'], check: checkBadge },
  card: { title: 'form.card', fields: ['kind', 'date', 'decision_no', 'number'], check: checkCard },
  commend: { title: 'form.commend', fields: ['form', 'date', 'decision_no', 'reason'], check: checkCommend },
} as const satisfies Record<string, { title: MessageKey; fields: string[]; check: (v: Values) => Checked }>;

type Action = keyof typeof ACTIONS;

const SCOPES = ['inside', 'other_district', 'other_province'];

function ActionForm({ id, action, memberName, exempt, suspended }: { id: number; action: Action; memberName: string; exempt: boolean; suspended: boolean }) {
  const spec = ACTIONS[action];
  const init: Values = Object.fromEntries(spec.fields.map((k) => [k, '']));
  if (action === 'transfer') init.kind = 'official';
  // For a member already exempted, the exemption form ends the exemption.
  if (action === 'exempt' && exempt) init.end = '1';
  if (action === 'suspend' && suspended) init.end = '1';
  if (action === 'card') init.kind = 'issued';
  const moves = (v: Values) => action === 'transfer' || (action === 'exit' && v.kind === 'chuyen_di');
  // where a transfer or a transfer out goes (forms 1 and 7-HSĐV count it), sent when given
  const check = (v: Values): Checked => {
    const c = spec.check(v);
    if (moves(v)) {
      if (v.scope) c.payload.scope = v.scope;
      if ((v.place ?? '').trim()) c.payload.place = v.place.trim();
    }
    return c;
  };
  const [to, setTo] = useState<OrgRef | null>(null);
  const f = useMemberForm(init, [...spec.fields, 'scope', 'place'], check, (p) => api.memberAction(id, action, p).then((r) => ({ id: r?.id ?? id })));
  const v = f.values;
  const title = action === 'exempt' && exempt ? t('form.exemptEnd') : action === 'suspend' && suspended ? t('form.suspendEnd') : t(spec.title);
  return (
    <form ref={f.formRef} class="card form" onSubmit={f.submit} noValidate data-testid={`${action}-form`}>
      <h1>{title}</h1>
      <p class="lead"><Link href={`/members/${id}`}>{memberName}</Link></p>
      {(action === 'restore' || action === 'readmit') && (
        <OrgPicker id={action === 'restore' ? 'to_org_id' : 'org_id'} form="chi_bo" label={t(action === 'restore' ? 'form.restoreOrg' : 'form.readmitOrg')} value={to} required
          error={f.err(action === 'restore' ? 'to_org_id' : 'org_id')}
          onChange={(o) => { setTo(o); f.setValue(action === 'restore' ? 'to_org_id' : 'org_id', o ? String(o.id) : ''); }} />
      )}
      {action === 'badge' && (
        <SelectField id="years" label={t('form.badgeYears')} value={v.years} onChange={f.set('years')} error={f.err('years')} required empty={t('form.choose')}
          options={BADGE_YEARS.map((y) => [y, t('badge.years', { n: y })])} />
      )}
      {action === 'card' && (
        <SelectField id="kind" label={t('form.cardKind')} value={v.kind} onChange={f.set('kind')} error={f.err('kind')} required
          options={['issued', 'reissued_lost', 'exchanged'].map((k) => [k, label('cardkind', k)])} />
      )}
      {action === 'commend' && (
        <SelectField id="form" label={t('form.commendForm')} value={v.form} onChange={f.set('form')} error={f.err('form')} required empty={t('form.choose')}
          options={['co', 'bang_khen', 'giay_khen'].map((k) => [k, label('commend', k)])} />
      )}
      {action === 'transfer' && (
        <>
          <OrgPicker id="to_org_id" form="chi_bo" label={t('form.toOrg')} value={to} required error={f.err('to_org_id')}
            onChange={(o) => { setTo(o); f.setValue('to_org_id', o ? String(o.id) : ''); }} />
          <SelectField id="kind" label={t('form.transferKind')} value={v.kind} onChange={f.set('kind')} error={f.err('kind')} required
            options={[['official', t('form.transferOfficial')], ['temporary', t('form.transferTemporary')]]} />
        </>
      )}
      {action === 'discipline' && (
        <SelectField id="form" label={t('form.disciplineForm')} value={v.form} onChange={f.set('form')} error={f.err('form')} required empty={t('form.choose')}
          options={['khien_trach', 'canh_cao', 'cach_chuc', 'khai_tru'].map((k) => [k, label('discipline', k)])} />
      )}
      {action === 'exit' && (
        <SelectField id="kind" label={t('form.exitKind')} value={v.kind} onChange={f.set('kind')} error={f.err('kind')} required empty={t('form.choose')}
          options={['xoa_ten', 'xin_ra', 'khai_tru', 'tu_tran', 'chuyen_di'].map((k) => [k, label('exit', k)])} />
      )}
      <TextField id="decision_no" label={t('form.decisionNo')} value={v.decision_no} onInput={f.set('decision_no')} error={f.err('decision_no')} required={action !== 'card'} />
      {action === 'official' || action === 'readmit'
        ? <DateField id="decision_date" label={t('form.decisionDate')} value={v.decision_date} onInput={f.set('decision_date')} error={f.err('decision_date')} required />
        : <DateField id="date" label={t('form.date')} value={v.date} onInput={f.set('date')} error={f.err('date')} required />}
      {action === 'readmit' && (
        <DateField id="ceremony_date" label={t('member.ceremonyDate')} value={v.ceremony_date} onInput={f.set('ceremony_date')} error={f.err('ceremony_date')} required />
      )}
      {action === 'card' && (
        <TextField id="number" label={t('form.cardNumber')} value={v.number} onInput={f.set('number')} error={f.err('number')} autoComplete="off" />
      )}
      {moves(v) && (
        <>
          <SelectField id="scope" label={t('form.scope')} value={v.scope ?? ''} onChange={f.set('scope')} error={f.err('scope')} empty={t('scope.none')}
            options={SCOPES.map((k) => [k, label('scope', k)])} />
          <TextField id="place" label={t('form.place')} value={v.place ?? ''} onInput={f.set('place')} error={f.err('place')} />
        </>
      )}
      {action === 'transfer' && v.kind === 'temporary' && (
        <DateField id="until" label={t('form.until')} value={v.until} onInput={f.set('until')} error={f.err('until')} required />
      )}
      {(action === 'discipline' || action === 'exit' || action === 'suspend' || action === 'restore' || action === 'commend') && (
        <Field id="reason" label={t(action === 'commend' ? 'form.commendFor' : 'form.reason')} error={f.err('reason')} required={action === 'discipline'}>
          {(aria) => <textarea {...aria} name="reason" rows={3} value={v.reason} onInput={(e) => f.setValue('reason', (e.currentTarget as HTMLTextAreaElement).value)} />}
        </Field>
      )}
      <Buttons f={f} cancelHref={`/members/${id}`} />
    </form>
  );
}

export function MemberActionPage({ id, action }: { id: number; action: Action }) {
  const m = useAsync(() => api.member(id), [id]);
  if (m.error) return <ErrorBox error={m.error} />;
  if (!m.data) return <Loading />;
  return <ActionForm key={`${id}-${action}`} id={id} action={action} memberName={m.data.full_name} exempt={!!m.data.exempt} suspended={suspended(m.data.events ?? [])} />;
}
