// Accounts for admins (GET/POST /api/users, /api/users/password, /api/users/disable): the accounts
// of the admin's scope, adding one, a new password, disabling or enabling; each confirmed.
import { useState } from 'preact/hooks';
import { request, type OrgRef } from '../api';
import { OrgPicker } from '../components/OrgPicker';
import { ConfirmDialog, ErrorBox, errorText, Loading, SelectField, TextField, useAsync } from '../components/ui';
import { label, t } from '../i18n';
import { shortOrgName } from '../orgpath';

interface Account { username: string; full_name: string; role: string; disabled: boolean; scope: { id: number; name?: string } }

export function UsersPage() {
  const res = useAsync(() => request<{ items: Account[] }>('GET', '/api/users'), []);
  const [v, setV] = useState({ username: '', full_name: '', role: 'staff', password: '' });
  const [scope, setScope] = useState<OrgRef | null>(null);
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState('');
  const [ask, setAsk] = useState<null | { text: string; run: () => Promise<unknown> }>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof v) => (x: string) => setV({ ...v, [k]: x });
  const run = async () => {
    if (!ask) return;
    setBusy(true);
    try { await ask.run(); setNotice(t('users.done')); res.reload(); } catch (e) {
      const f = (e as { field?: string }).field ?? '';
      if (['username', 'role', 'password', 'scope_org_id'].includes(f)) setErrs({ [f]: errorText(e) }); else setNotice(errorText(e));
    } finally { setBusy(false); setAsk(null); }
  };
  const add = (e: Event) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!/^[a-z0-9._-]{2,64}$/.test(v.username.trim())) next.username = t('users.nameRule');
    if (v.password.length < 8) next.password = t('users.pwRule');
    if (!scope) next.scope_org_id = t('err.required');
    setErrs(next);
    const first = Object.keys(next)[0];
    if (first) { document.getElementById(`u_${first}`)?.focus(); return; }
    setAsk({ text: t('users.confirmAdd', { u: v.username.trim(), r: label('role', v.role), s: scope!.name }),
      run: () => request('POST', '/api/users', { username: v.username.trim(), full_name: v.full_name.trim(), role: v.role, scope_org_id: scope!.id, password: v.password }) });
  };
  return (
    <div data-testid="users-page">
      <h1>{t('users.title')}</h1>
      {notice && <p class="notice notice-ok" role="status" data-testid="users-notice">{notice}</p>}
      {res.error ? <ErrorBox error={res.error} /> : !res.data ? <Loading /> : (
        <div class="table-wrap">
          <table data-testid="users-table">
            <thead><tr><th scope="col">{t('users.username')}</th><th scope="col">{t('users.fullName')}</th><th scope="col">{t('user.role')}</th><th scope="col">{t('user.scope')}</th><th scope="col">{t('users.state')}</th><th scope="col"><span class="sr-only">{t('member.actions')}</span></th></tr></thead>
            <tbody>
              {res.data.items.map((u) => (
                <tr key={u.username} data-user={u.username}>
                  <td>{u.username}</td><td>{u.full_name || '—'}</td><td>{label('role', u.role)}</td>
                  <td>{u.scope.name ? shortOrgName(u.scope.name) : `#${u.scope.id}`}</td>
                  <td>{u.disabled ? t('users.disabled') : t('users.active')}</td>
                  <td class="row-actions">
                    <button type="button" data-action="disable" onClick={() => setAsk({ text: t(u.disabled ? 'users.confirmEnable' : 'users.confirmDisable', { u: u.username }),
                      run: () => request('POST', '/api/users/disable', { username: u.username, disabled: !u.disabled }) })}>{u.disabled ? t('users.enable') : t('users.disable')}</button>
                    <button type="button" data-action="password" onClick={() => {
                      const pw = window.prompt(t('users.newPassword', { u: u.username })) ?? '';
                      if (pw.length >= 8) setAsk({ text: t('users.confirmPassword', { u: u.username }), run: () => request('POST', '/api/users/password', { username: u.username, password: pw }) });
                      else if (pw) setNotice(t('users.pwRule'));
                    }}>{t('users.setPassword')}</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form class="card form" onSubmit={add} noValidate data-testid="user-add">
        <h2>{t('users.add')}</h2>
        <TextField id="u_username" label={t('users.username')} value={v.username} onInput={set('username')} error={errs.username} required autoComplete="off" hint={t('users.nameRule')} />
        <TextField id="u_full_name" label={t('users.fullName')} value={v.full_name} onInput={set('full_name')} />
        <SelectField id="u_role" label={t('user.role')} value={v.role} onChange={set('role')} error={errs.role} options={['viewer', 'staff', 'admin'].map((r) => [r, label('role', r)])} />
        <OrgPicker id="u_scope_org_id" label={t('user.scope')} value={scope} onChange={setScope} error={errs.scope_org_id} required />
        <TextField id="u_password" type="password" label={t('users.password')} value={v.password} onInput={set('password')} error={errs.password} required autoComplete="new-password" hint={t('users.pwRule')} />
        <div class="actions"><button type="submit" class="primary">{t('users.add')}</button></div>
      </form>
      <ConfirmDialog open={ask !== null} busy={busy} title={t('orgop.confirmTitle')} message={ask?.text ?? ''} onConfirm={() => void run()} onCancel={() => setAsk(null)} />
    </div>
  );
}
