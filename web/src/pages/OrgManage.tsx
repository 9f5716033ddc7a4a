// Organization management (staff and admins, within their scope): found a subordinate organization,
// rename, move under another parent, merge into another, dissolve — each with its date and decision,
// confirmed with what will be recorded; the server checks the rules, the scope and audits.
import { useState } from 'preact/hooks';
import { api, request, type Org, type OrgRef } from '../api';
import { OrgPicker } from '../components/OrgPicker';
import { ConfirmDialog, DateField, ErrorBox, errorText, Link, Loading, SelectField, TextField, useAsync } from '../components/ui';
import { formatDate, parseDate, todayIso } from '../format';
import { label, t, type MessageKey } from '../i18n';
import { forgetOrgPaths, shortOrgName } from '../orgpath';
import { navigate } from '../router';

export const ORG_OPS = ['create', 'rename', 'move', 'merge', 'dissolve'] as const;
export type OrgOp = (typeof ORG_OPS)[number];

const KINDS: [string, string, string][] = [
  // kind label key, tier, form
  ['dang_bo_co_so', 'base', 'dang_bo'], ['chi_bo_co_so', 'base', 'chi_bo'], ['dang_bo_bo_phan', 'below_base', 'dang_bo'],
  ['chi_bo_truc_thuoc', 'below_base', 'chi_bo'], ['cap_tren_co_so', 'above_base', 'dang_bo'],
];
const BASE_TYPES = ['xa', 'phuong', 'thi_tran', 'co_quan_hanh_chinh', 'don_vi_su_nghiep', 'dnnn', 'dn_ngoai_nha_nuoc', 'quan_doi', 'cong_an', 'khac'];

function OrgOpForm({ o, op }: { o: Org; op: OrgOp }) {
  const [v, setV] = useState<Record<string, string>>({ date: formatDate(todayIso()), decision_no: '', name: op === 'rename' ? o.name : '', code: '', kind: 'chi_bo_truc_thuoc', base_type: '' });
  const [other, setOther] = useState<OrgRef | null>(null);
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState('');
  const [ask, setAsk] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = (k: string) => (x: string) => setV({ ...v, [k]: x });
  const iso = parseDate(v.date);
  const kind = KINDS.find((k) => k[0] === v.kind)!;
  const summary = (): string => {
    const d = iso ? formatDate(iso) : v.date;
    const dec = v.decision_no.trim() ? t('orgop.byDecision', { no: v.decision_no.trim() }) : '';
    switch (op) {
      case 'create': return t('orgop.sumCreate', { name: v.name.trim(), code: v.code.trim(), parent: o.name, d, dec });
      case 'rename': return t('orgop.sumRename', { old: o.name, name: v.name.trim(), d, dec });
      case 'move': return t('orgop.sumMove', { name: o.name, to: other?.name ?? '', d, dec });
      case 'merge': return t('orgop.sumMerge', { name: o.name, to: other?.name ?? '', d, dec });
      default: return t('orgop.sumDissolve', { name: o.name, to: other ? other.name : t('orgop.nobody'), d, dec });
    }
  };
  const submit = (e: Event) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!iso) next.date = t('err.date');
    if ((op === 'create' || op === 'rename') && !v.name.trim()) next.name = t('err.required');
    if (op === 'create' && !/^[A-Za-z0-9._-]{1,32}$/.test(v.code.trim())) next.code = t('orgop.codeRule');
    if ((op === 'move' || op === 'merge') && !other) next.other = t('err.required');
    if (!v.decision_no.trim()) next.decision_no = t('err.required');
    setErrs(next);
    const first = Object.keys(next)[0];
    if (first) { document.getElementById(`op_${first}`)?.focus(); return; }
    setAsk(true);
  };
  const send = async () => {
    setBusy(true);
    setGeneral('');
    const base = { date: iso, decision_no: v.decision_no.trim() };
    try {
      let next = o.id;
      if (op === 'create') {
        const r = await request<Org>('POST', '/api/orgs', { ...base, parent_id: o.id, code: v.code.trim(), name: v.name.trim(), tier: kind[1], form: kind[2], ...(kind[1] === 'base' && v.base_type ? { base_type: v.base_type } : {}) });
        next = r.id;
      } else if (op === 'rename') await request('POST', `/api/orgs/${o.id}/rename`, { ...base, name: v.name.trim() });
      else if (op === 'move') await request('POST', `/api/orgs/${o.id}/move`, { ...base, parent_id: other!.id });
      else if (op === 'merge') { await request('POST', `/api/orgs/${o.id}/merge`, { ...base, into_id: other!.id }); next = other!.id; }
      else { await request('POST', `/api/orgs/${o.id}/dissolve`, { ...base, ...(other ? { members_to_id: other.id } : {}) }); next = o.parent_id ?? o.id; }
      forgetOrgPaths();
      navigate(`/orgs/${next}?done=${op}`);
    } catch (err) {
      const f = (err as { field?: string }).field ?? '';
      const map: Record<string, string> = { parent_id: 'other', into_id: 'other', members_to_id: 'other', name: 'name', code: 'code', date: 'date', decision_no: 'decision_no' };
      if (map[f]) { setErrs({ [map[f]]: errorText(err) }); document.getElementById(`op_${map[f]}`)?.focus(); } else setGeneral(errorText(err));
    } finally {
      setBusy(false);
      setAsk(false);
    }
  };
  return (
    <form class="card form" onSubmit={submit} noValidate data-testid={`orgop-${op}`}>
      <h1>{t(`orgop.${op}` as MessageKey)}</h1>
      <p class="lead"><Link href={`/orgs/${o.id}`}>{o.name}</Link></p>
      {general && <p class="notice notice-error" role="alert" data-testid="form-error">{general}</p>}
      {op === 'create' && <>
        <SelectField id="op_kind" label={t('org.kind')} value={v.kind} onChange={set('kind')} options={KINDS.map((k) => [k[0], label('orgkind', k[0])])} />
        <TextField id="op_code" label={t('org.code')} value={v.code} onInput={set('code')} error={errs.code} required hint={t('orgop.codeRule')} />
        {kind[1] === 'base' && <SelectField id="op_base_type" label={t('org.baseType')} value={v.base_type} onChange={set('base_type')} empty={t('form.choose')} options={BASE_TYPES.map((b) => [b, label('basetype', b)])} />}
      </>}
      {(op === 'create' || op === 'rename') && <TextField id="op_name" label={op === 'rename' ? t('orgop.newName') : t('org.name')} value={v.name} onInput={set('name')} error={errs.name} required />}
      {op === 'move' && <OrgPicker id="op_other" form="dang_bo" label={t('orgop.newParent')} value={other} onChange={setOther} error={errs.other} required />}
      {op === 'merge' && <OrgPicker id="op_other" form={o.form === 'chi_bo' ? 'chi_bo' : undefined} label={t('orgop.into')} value={other} onChange={setOther} error={errs.other} required />}
      {op === 'dissolve' && <OrgPicker id="op_other" form="chi_bo" label={t('orgop.membersTo')} value={other} onChange={setOther} error={errs.other} />}
      <DateField id="op_date" label={t('orgop.date')} value={v.date} onInput={set('date')} error={errs.date} required />
      <TextField id="op_decision_no" label={t('form.decisionNo')} value={v.decision_no} onInput={set('decision_no')} error={errs.decision_no} required />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>{t('orgop.save')}</button>
        <Link class="button" href={`/orgs/${o.id}`}>{t('form.cancel')}</Link>
      </div>
      <ConfirmDialog open={ask} busy={busy} title={t('orgop.confirmTitle')} message={summary()} onConfirm={() => void send()} onCancel={() => setAsk(false)} />
    </form>
  );
}

export function OrgManagePage({ id, op }: { id: number; op: OrgOp }) {
  const res = useAsync(() => api.org(id), [id]);
  if (res.error) return <ErrorBox error={res.error} onRetry={res.reload} />;
  if (!res.data) return <Loading />;
  return <OrgOpForm key={op} o={res.data} op={op} />;
}

/** The management buttons of an organization's page (not for the account's own scope root, which
 *  only its superior can change; founding a subordinate is allowed there). */
export function OrgManageLinks({ o, isScopeRoot }: { o: Org; isScopeRoot: boolean }) {
  const ops = ORG_OPS.filter((x) => x === 'create' || x === 'rename' || !isScopeRoot);
  return (
    <nav class="toolbar" aria-label={t('orgop.manage')} data-testid="org-manage">
      {ops.map((x) => <Link key={x} class="button" href={`/orgs/${o.id}/manage/${x}`} data-op={x}>{t(`orgop.${x}` as MessageKey)}</Link>)}
    </nav>
  );
}

export function doneNotice(op: string | null, name: string): string | null {
  if (!op || !ORG_OPS.includes(op as OrgOp)) return null;
  return t('orgop.done', { what: t(`orgop.${op}` as MessageKey), name: shortOrgName(name) });
}
