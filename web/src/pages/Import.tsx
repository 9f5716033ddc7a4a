import { useState } from 'preact/hooks';
import { api, type ImportReport, type MemberFieldDef } from '../api';
import { ConfirmDialog, downloadCsv, errorText, useAsync } from '../components/ui';
import { formatNumber } from '../format';
import { getLang, t } from '../i18n';
import { importContentType } from '../validate';

/** Vietnamese names of the file's fields (the headers of docs/import-format.md). */
export const IMPORT_FIELDS: [string, string][] = [
  ['full_name', 'Họ và tên'], ['gender', 'Giới tính'], ['birth_date', 'Ngày sinh'], ['ethnicity', 'Dân tộc'],
  ['religion', 'Tôn giáo'], ['hometown', 'Quê quán'], ['national_id', 'Số CCCD'], ['education', 'Trình độ học vấn'],
  ['professional_level', 'Chuyên môn'], ['theory_level', 'Lý luận chính trị'], ['admission_decision_date', 'Ngày quyết định kết nạp'],
  ['ceremony_date', 'Ngày kết nạp'], ['official_decision_date', 'Ngày chính thức'], ['party_card_no', 'Số thẻ đảng viên'],
  ['org', 'Chi bộ'], ['decision_no', 'Số quyết định'], ['official_decision_no', 'Số quyết định chính thức'],
  ['admission_org', 'Chi bộ khi kết nạp'], ['arrival_date', 'Ngày chuyển đến'],
];
const FIELD_LABEL = new Map(IMPORT_FIELDS);

/** The member field table's labels (GET /api/members/fields: the Phiếu's fields among them) join
 *  the file's own names, so an error on any field of the record is named as the board knows it. */
export function addFieldLabels(defs: MemberFieldDef[]): void {
  for (const d of defs) if (!FIELD_LABEL.has(d.key)) FIELD_LABEL.set(d.key, d.label);
}

/** A field id of an error as the board knows it ("birth_date" → "Ngày sinh"); also inside the message. */
export function fieldLabel(f: string | null | undefined): string {
  if (!f) return '';
  return FIELD_LABEL.get(f) ?? f;
}
function messageLabels(m: string): string {
  m = m.charAt(0).toUpperCase() + m.slice(1); // a message starts with a capital
  return m.replace(/\b(trường|field) ([a-z_]+)\b/g, (all, w: string, f: string) => (FIELD_LABEL.has(f) ? `${w} “${FIELD_LABEL.get(f)}”` : all));
}

function downloadTemplate(): void {
  downloadCsv('mau-nhap-dang-vien.csv', IMPORT_FIELDS.map(([, v]) => v),
    []);
}

export function ImportPage() {
  useAsync(() => api.memberFields().then((r) => { addFieldLabels(r.fields); return r; }), []);
  const lang = getLang();
  const [file, setFile] = useState<File | null>(null);
  const [fileErr, setFileErr] = useState('');
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<number | null>(null);
  const [inputKey, setInputKey] = useState(0);

  const send = async (dryRun: boolean) => {
    if (!file) return;
    const type = importContentType(file.name)!;
    setBusy(true);
    setError('');
    try {
      const r = await api.importMembers(await file.arrayBuffer(), type, dryRun);
      if (dryRun) setReport(r);
      else if (r.ok) { setDone(r.rows); setReport(null); setFile(null); setInputKey((k) => k + 1); }
      else setReport(r);
    } catch (e) {
      setError(errorText(e));
      if (!dryRun) setReport(null); // "Tệp hợp lệ" and the confirm button go with a refusal
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
          <input key={inputKey} id="import-file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-invalid={fileErr ? 'true' : undefined} aria-describedby={fileErr ? 'import-file-error' : undefined}
            onChange={(e) => { setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null); setReport(null); setDone(null); }} />
          {fileErr && <p class="field-error" id="import-file-error">{fileErr}</p>}
        </div>
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>{t('import.check')}</button>
          <button type="button" onClick={downloadTemplate} data-testid="import-template">{t('import.template')}</button>
        </div>
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
            <button type="button" data-testid="import-errors-file" onClick={() => downloadCsv('loi-nhap-du-lieu.csv',
              [t('import.line'), t('import.column'), t('import.field'), t('import.message')],
              report.errors.map((x) => [x.line ?? '', fieldLabel(x.column == null ? '' : String(x.column)), fieldLabel(x.field), messageLabels(x.message)]))}>
              {t('import.errorsFile')}
            </button>
          )}
          {report.errors.length > 0 && (
            <div class="table-wrap">
              <table>
                <thead><tr><th scope="col" class="num">{t('import.line')}</th><th scope="col">{t('import.column')}</th><th scope="col">{t('import.field')}</th><th scope="col">{t('import.message')}</th></tr></thead>
                <tbody>
                  {report.errors.map((x, i) => (
                    <tr key={i}><td class="num">{x.line ?? ''}</td><td>{fieldLabel(x.column == null ? '' : String(x.column))}</td><td>{fieldLabel(x.field)}</td><td>{messageLabels(x.message)}</td></tr>
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
