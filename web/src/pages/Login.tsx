import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, api, type Session } from '../api';
import { TextField, errorText } from '../components/ui';
import { t } from '../i18n';

export function LoginPage({ onLogin, langSwitch }: { onLogin: (s: Session) => void; langSwitch: ComponentChildren }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!username.trim() || !password) { setError(t('err.required')); return; }
    setBusy(true);
    setError('');
    try {
      onLogin(await api.login(username.trim(), password));
    } catch (err) {
      setError(err instanceof ApiError && (err.status === 401 || err.code === 'unauthorized') ? t('login.failed') : errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" class="login">
      <div class="login-lang">{langSwitch}</div>
      <form class="card login-card" onSubmit={submit} noValidate>
        <h1>{t('app.title')}</h1>
        <h2>{t('login.title')}</h2>
        <TextField id="username" label={t('login.username')} value={username} onInput={setUsername} autoComplete="username" required />
        <TextField id="password" label={t('login.password')} type="password" value={password} onInput={setPassword} autoComplete="current-password" required />
        {error && <p class="notice notice-error" role="alert" data-testid="login-error">{error}</p>}
        <button type="submit" class="primary" disabled={busy}>{t('login.submit')}</button>
      </form>
    </main>
  );
}
