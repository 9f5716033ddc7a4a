import { useState } from 'preact/hooks';
import { ApiError, api } from '../api';
import { TextField, errorText, msg } from '../components/ui';
import { t } from '../i18n';
import { checkPassword, type Errors } from '../validate';

export function PasswordPage() {
  const [v, setV] = useState<Record<string, string>>({ old_password: '', new_password: '', confirm: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [apiErr, setApiErr] = useState<{ field: string; text: string } | null>(null);
  const [done, setDone] = useState(false);
  const set = (k: string) => (x: string) => setV({ ...v, [k]: x });
  const submit = async (e: Event) => {
    e.preventDefault();
    setDone(false);
    setApiErr(null);
    const c = checkPassword(v);
    setErrors(c.errors);
    if (Object.keys(c.errors).length) return;
    try {
      await api.changePassword(v.old_password, v.new_password);
      setDone(true);
      setV({ old_password: '', new_password: '', confirm: '' });
    } catch (err) {
      setApiErr({ field: err instanceof ApiError ? err.field : '', text: errorText(err) });
    }
  };
  const fieldErr = (k: string) => msg(errors[k]) ?? (apiErr?.field === k ? apiErr.text : undefined);
  return (
    <form class="card narrow" onSubmit={submit} noValidate>
      <h1>{t('password.title')}</h1>
      <TextField id="old_password" type="password" label={t('password.old')} value={v.old_password} onInput={set('old_password')} error={fieldErr('old_password')} autoComplete="current-password" required />
      <TextField id="new_password" type="password" label={t('password.new')} value={v.new_password} onInput={set('new_password')} error={fieldErr('new_password')} autoComplete="new-password" required />
      <TextField id="confirm" type="password" label={t('password.confirm')} value={v.confirm} onInput={set('confirm')} error={fieldErr('confirm')} autoComplete="new-password" required />
      {apiErr && !['old_password', 'new_password', 'confirm'].includes(apiErr.field) && <p class="notice notice-error" role="alert">{apiErr.text}</p>}
      {done && <p class="notice notice-ok" role="status">{t('password.done')}</p>}
      <button type="submit" class="primary">{t('password.submit')}</button>
    </form>
  );
}
