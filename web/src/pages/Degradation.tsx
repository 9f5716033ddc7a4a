// The degradation self-check (tự soi, tự sửa; issue 16): the year's tally over the account's
// scope (members by their highest level, the chi bộ's conclusions, by organization) and, for
// staff, one member's self-check of a year: the 27 manifestations of NQ 04-NQ/TW in their three
// groups, each at one of the five levels, and the chi bộ's conclusion (which the member's review
// reads). The items, levels, tally and sentence come from src/api/degradation.c.
import { useState } from 'preact/hooks';
import { request, withQuery, type OrgRef } from '../api';
import { ErrorBox, errorText, Loading, SelectField, TextField, useAsync } from '../components/ui';
import { formatNumber } from '../format';
import { t } from '../i18n';
import { canEdit, useUser } from '../session';

interface Item { code: string; group: number; group_label: string; label: string }
interface Level { level: number; name: string; label: string }
interface Tally { members: number; by_level: Record<string, number>; concluded: number }
interface Report extends Tally { sentence: string; orgs: (Tally & { org: OrgRef })[] }
interface Check { member_id: number; year: number; items: { code: string; level: number }[]; overall_label: string; concluded: boolean }

const degrApi = {
  items: () => request<{ items: Item[]; levels: Level[] }>('GET', '/api/degradation/items'),
  report: (year: number) => request<Report>('GET', withQuery('/api/degradation/report', { year })),
  show: (id: number, year: number) => request<Check>('GET', withQuery(`/api/degradation/members/${id}`, { year })),
  record: (body: unknown) => request<Check>('POST', '/api/degradation', body),
};

function Entry({ items, levels, year, onDone }: { items: Item[]; levels: Level[]; year: number; onDone: () => void }) {
  const [member, setMember] = useState('');
  const [loaded, setLoaded] = useState(0);
  const [vals, setVals] = useState<Record<string, string>>(() => Object.fromEntries(items.map((i) => [i.code, '0'])));
  const [concluded, setConcluded] = useState(false);
  const [err, setErr] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const id = Number(member.trim());
  const valid = Number.isInteger(id) && id > 0;
  const load = async () => {
    setNote('');
    if (!valid) { setErr({ d_member: t('cpl.badId') }); return; }
    setErr({});
    try {
      const c = await degrApi.show(id, year);
      setVals(Object.fromEntries(c.items.map((i) => [i.code, String(i.level)])));
      setConcluded(c.concluded);
      setNote(t('degr.loaded', { o: c.overall_label }));
    } catch (e) {
      if ((e as { status?: number }).status !== 404) { setErr({ d_member: errorText(e) }); return; }
      setVals(Object.fromEntries(items.map((i) => [i.code, '0'])));
      setConcluded(false);
      setNote(t('degr.new'));
    }
    setLoaded(id);
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!valid || loaded !== id) { setErr({ d_member: t('degr.loadFirst') }); return; }
    const levelsText = items.map((i) => `${i.code}=${vals[i.code]}`).join('; ');
    try {
      const c = await degrApi.record({ member_id: id, year, levels: levelsText, concluded });
      setErr({});
      setNote(t('degr.saved', { id: String(c.member_id), o: c.overall_label }));
      onDone();
    } catch (e2) {
      setErr({ d_save: errorText(e2) });
    }
  };
  const groups = [...new Set(items.map((i) => i.group))];
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="d_entry_h" data-testid="degr-entry">
      <h2 id="d_entry_h">{t('degr.entry', { y: String(year) })}</h2>
      <div class="inline-form">
        <TextField id="d_member" label={t('degr.member')} value={member} onInput={(v) => { setMember(v); setLoaded(0); }} error={err.d_member} inputMode="numeric" />
        <button type="button" onClick={load} data-testid="degr-load">{t('degr.load')}</button>
      </div>
      {note && <p role="status" class="ok-text" data-testid="degr-note">{note}</p>}
      {loaded > 0 && loaded === id && (
        <>
          {groups.map((g) => (
            <fieldset key={g}>
              <legend>{items.find((i) => i.group === g)!.group_label}</legend>
              {items.filter((i) => i.group === g).map((i) => (
                <SelectField key={i.code} id={`d_item_${i.code.replace('.', '_')}`} label={`${i.code}. ${i.label}`} value={vals[i.code]}
                  onChange={(v) => setVals({ ...vals, [i.code]: v })} options={levels.map((l) => [String(l.level), l.label])} />
              ))}
            </fieldset>
          ))}
          <p>
            <label><input type="checkbox" id="d_concluded" checked={concluded} onChange={(e) => setConcluded((e.currentTarget as HTMLInputElement).checked)} /> {t('degr.concluded')}</label>
          </p>
          {err.d_save && <p class="error-text" role="alert">{err.d_save}</p>}
          <button type="submit">{t('cpl.save')}</button>
        </>
      )}
    </form>
  );
}

export function DegradationPage() {
  const user = useUser();
  const thisYear = new Date().getFullYear();
  const [yearText, setYearText] = useState(String(thisYear));
  const [year, setYear] = useState(thisYear);
  const [yearErr, setYearErr] = useState('');
  const [tick, setTick] = useState(0);
  const meta = useAsync(() => degrApi.items(), []);
  const report = useAsync(() => degrApi.report(year), [year, tick]);
  const apply = (e: Event) => {
    e.preventDefault();
    const y = Number(yearText.trim());
    if (!Number.isInteger(y) || y < 1930 || y > 9998) { setYearErr(t('degr.badYear')); return; }
    setYearErr('');
    setYear(y);
  };
  const levels = meta.data?.levels ?? [];
  return (
    <section aria-labelledby="degr_h">
      <h1 id="degr_h">{t('degr.title')}</h1>
      <form onSubmit={apply} class="inline-form" noValidate aria-label={t('degr.year')}>
        <TextField id="d_year" label={t('degr.year')} value={yearText} onInput={setYearText} error={yearErr} inputMode="numeric" />
        <button type="submit">{t('insp.show')}</button>
      </form>
      {(report.loading || meta.loading) && !report.data && <Loading />}
      {report.error != null && <ErrorBox error={report.error} onRetry={report.reload} />}
      {meta.error != null && <ErrorBox error={meta.error} onRetry={meta.reload} />}
      {report.data && (
        <>
          <p data-testid="degr-sentence">{report.data.sentence}</p>
          <table data-testid="degr-levels">
            <tbody>
              {levels.map((l) => (
                <tr key={l.name} data-testid={`degr-level-${l.name}`}><th scope="row">{l.label}</th><td class="num">{formatNumber(report.data!.by_level[l.name] ?? 0)}</td></tr>
              ))}
              <tr data-testid="degr-concluded"><th scope="row">{t('degr.concludedN')}</th><td class="num">{formatNumber(report.data.concluded)}</td></tr>
            </tbody>
          </table>
          <h2>{t('degr.byOrg')}</h2>
          {report.data.orgs.length === 0 ? <p>{t('degr.none')}</p> : (
            <div class="table-wrap">
              <table data-testid="degr-orgs">
                <thead><tr>
                  <th scope="col">{t('insp.subjectKind.org')}</th><th scope="col">{t('degr.members')}</th>
                  {levels.map((l) => <th key={l.name} scope="col">{l.level}</th>)}
                  <th scope="col">{t('degr.concludedShort')}</th>
                </tr></thead>
                <tbody>
                  {report.data.orgs.map((o) => (
                    <tr key={o.org.id} data-testid={`degr-org-${o.org.id}`}>
                      <td>{o.org.name}</td><td class="num">{formatNumber(o.members)}</td>
                      {levels.map((l) => <td key={l.name} class="num">{formatNumber(o.by_level[l.name] ?? 0)}</td>)}
                      <td class="num">{formatNumber(o.concluded)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p class="hint">{t('degr.levelsHint')} {levels.map((l) => `${l.level}: ${l.label}`).join('; ')}.</p>
        </>
      )}
      {canEdit(user) && meta.data && <Entry key={year} items={meta.data.items} levels={levels} year={year} onDone={() => setTick(tick + 1)} />}
    </section>
  );
}
