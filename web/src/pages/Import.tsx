import { useState } from 'preact/hooks';
import { api, type ImportReport } from '../api';
import { ConfirmDialog, errorText } from '../components/ui';
import { formatNumber } from '../format';
import { getLang, t } from '../i18n';
import { importContentType } from '../validate';

export function ImportPage() {
  const lang = getLang();
  const [file, setFile] = useState<File | null>(null);
  const [fileErr, setFileErr] = useState('');
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<number | null>(null);

  const send = async (dryRun: boolean) => {
    if (!file) return;
    const type = importContentType(file.name)!;
    setBusy(true);
    setError('');
    try {
      const r = await api.importMembers(await file.arrayBuffer(), type, dryRun);
      if (dryRun) setReport(r);
      else { setDone(r.rows); setReport(null); setFile(null); }
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  const check = (e: Event) => {
    e.preventDefault();
    setDone(null);
    setReport(null);
    if (!file) { setFileErr(t('import.noFile')); return; }
    if (!importContentType(file.name)) { setFileErr(t('import.badType')); return; }
    setFileErr('');
    void send(true);
  };
  const badLines = report ? new Set(report.errors.map((x) => x.line)).size : 0;
  return (
    <div>
      <h1>{t('import.title')}</h1>
      <p class="lead">{t('import.intro')}</p>
      <form class="card form" onSubmit={check} noValidate>
        <div class={fileErr ? 'field field-invalid' : 'field'}>
          <label for="import-file">{t('import.file')}</label>
          <input id="import-file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-invalid={fileErr ? 'true' : undefined} aria-describedby={fileErr ? 'import-file-error' : undefined}
            onChange={(e) => { setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null); setReport(null); setDone(null); }} />
          {fileErr && <p class="field-error" id="import-file-error">{fileErr}</p>}
        </div>
        <div class="actions"><button type="submit" class="primary" disabled={busy}>{t('import.check')}</button></div>
      </form>
      {error && <p class="notice notice-error" role="alert">{error}</p>}
      {done !== null && <p class="notice notice-ok" role="status" data-testid="import-done">{t('import.done', { n: formatNumber(done, lang) })}</p>}
      {report && (
        <section aria-labelledby="import-report" data-testid="import-report">
          <h2 id="import-report" class={report.ok ? 'ok-text' : 'bad-text'}>
            {report.ok
              ? t('import.ok', { n: formatNumber(report.rows, lang) })
              : t('import.bad', { e: formatNumber(report.errors.length, lang), n: formatNumber(badLines, lang) })}
          </h2>
          {report.errors.length > 0 && (
            <div class="table-wrap">
              <table>
                <thead><tr><th scope="col" class="num">{t('import.line')}</th><th scope="col">{t('import.column')}</th><th scope="col">{t('import.field')}</th><th scope="col">{t('import.message')}</th></tr></thead>
                <tbody>
                  {report.errors.map((x, i) => (
                    <tr key={i}><td class="num">{x.line}</td><td>{x.column ?? ''}</td><td>{x.field ?? ''}</td><td>{x.message}</td></tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {report.ok && report.rows > 0 && (
            <div class="actions">
              <button type="button" class="primary" disabled={busy} onClick={() => setConfirming(true)}>{t('import.confirm', { n: formatNumber(report.rows, lang) })}</button>
            </div>
          )}
          <ConfirmDialog open={confirming} busy={busy} title={t('confirm.title')} message={t('confirm.irreversible')}
            onConfirm={() => void send(false)} onCancel={() => setConfirming(false)} />
        </section>
      )}
    </div>
  );
}
