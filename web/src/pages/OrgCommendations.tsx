// Commendations of an organization (khen thưởng tổ chức đảng: cờ, bằng khen, giấy khen), as form 7's
// section I.1 counts them: listed on the organization's page, recorded with a confirmation, and
// cancelled with a required reason (GET /api/orgs/{id}/commendations, POST …/commend, …/cancel).
import { useState } from 'preact/hooks';
import { request } from '../api';
import { ConfirmDialog, DateField, ErrorBox, errorText, Loading, SelectField, TextField, useAsync } from '../components/ui';
import { formatDate, parseDate, todayIso } from '../format';
import { label, t } from '../i18n';

interface Commendation { id: number; date: string; form: string; form_label: string; decision_no: string; detail: string }

export function OrgCommendations({ orgId, editable }: { orgId: number; editable: boolean }) {
  const res = useAsync(() => request<{ items: Commendation[] }>('GET', `/api/orgs/${orgId}/commendations`), [orgId]);
  const [v, setV] = useState({ form: '', date: '', decision_no: '', reason: '' });
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState('');
  const [ask, setAsk] = useState<'add' | number | null>(null);
  const [why, setWhy] = useState('');
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof v) => (x: string) => setV({ ...v, [k]: x });
  const submit = (e: Event) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!v.form) next.form = t('err.required');
    const iso = parseDate(v.date);
    if (!v.date.trim()) next.date = t('err.required');
    else if (!iso) next.date = t('err.date');
    else if (iso > todayIso()) next.date = t('err.dateFuture');
    if (!v.decision_no.trim()) next.decision_no = t('err.required');
    setErrs(next);
    if (Object.keys(next).length) { document.getElementById(`oc_${Object.keys(next)[0]}`)?.focus(); return; }
    setAsk('add');
  };
  const send = async () => {
    setBusy(true);
    try {
      if (ask === 'add') {
        await request('POST', `/api/orgs/${orgId}/commend`, { form: v.form, date: parseDate(v.date), decision_no: v.decision_no.trim(), reason: v.reason.trim() });
        setV({ form: '', date: '', decision_no: '', reason: '' });
      } else if (typeof ask === 'number') {
        await request('POST', `/api/orgs/${orgId}/commendations/${ask}/cancel`, { reason: why.trim() });
        setWhy('');
      }
      setGeneral('');
      res.reload();
    } catch (err) {
      const f = (err as { field?: string }).field ?? '';
      if (ask === 'add' && f in v) setErrs({ [f]: errorText(err) });
      else setGeneral(errorText(err));
    } finally {
      setBusy(false);
      setAsk(null);
    }
  };
  const items = res.data?.items ?? [];
  return (
    <section aria-labelledby="org-commend" data-testid="org-commendations">
      <h2 id="org-commend">{t('oc.title')}</h2>
      {res.error ? <ErrorBox error={res.error} /> : !res.data ? <Loading /> : items.length === 0 ? <p>{t('oc.none')}</p> : (
        <div class="table-wrap">
          <table>
            <thead><tr><th scope="col">{t('col.date')}</th><th scope="col">{t('form.commendForm')}</th><th scope="col">{t('col.decision')}</th><th scope="col">{t('form.commendFor')}</th>{editable && <th scope="col"><span class="sr-only">{t('oc.cancel')}</span></th>}</tr></thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id} data-commendation={c.id}>
                  <td>{formatDate(c.date)}</td>
                  <td>{label('commend', c.form)}</td>
                  <td>{c.decision_no || '—'}</td>
                  <td>{c.detail}</td>
                  {editable && <td><button type="button" class="button" data-cancel={c.id} onClick={() => { setGeneral(''); setAsk(c.id); }}>{t('oc.cancel')}</button></td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {general && <p class="notice notice-error" role="alert" data-testid="oc-error">{general}</p>}
      {editable && (
        <form class="card form" onSubmit={submit} noValidate data-testid="org-commend-form">
          <h3>{t('oc.add')}</h3>
          <SelectField id="oc_form" label={t('form.commendForm')} value={v.form} onChange={set('form')} error={errs.form} required empty={t('form.choose')}
            options={['co', 'bang_khen', 'giay_khen'].map((k) => [k, label('commend', k)])} />
          <DateField id="oc_date" label={t('corr.decisionDate')} value={v.date} onInput={set('date')} error={errs.date} required />
          <TextField id="oc_decision_no" label={t('form.decisionNo')} value={v.decision_no} onInput={set('decision_no')} error={errs.decision_no} required />
          <TextField id="oc_reason" label={t('form.commendFor')} value={v.reason} onInput={set('reason')} error={errs.reason} />
          <div class="actions"><button type="submit" class="primary" disabled={busy}>{t('oc.save')}</button></div>
        </form>
      )}
      <ConfirmDialog id="oc-confirm-add" open={ask === 'add'} busy={busy} title={t('confirm.title')}
        message={t('oc.confirm', { form: label('commend', v.form), date: v.date, no: v.decision_no.trim() })} onConfirm={() => void send()} onCancel={() => setAsk(null)} />
      <ConfirmDialog id="oc-confirm-cancel" open={typeof ask === 'number'} busy={busy} title={t('oc.cancel')} message={t('oc.cancelConfirm')}
        onConfirm={() => { if (why.trim()) void send(); }} onCancel={() => setAsk(null)}>
        <TextField id="oc_why" label={t('corr.reason')} value={why} onInput={setWhy} required />
      </ConfirmDialog>
    </section>
  );
}
