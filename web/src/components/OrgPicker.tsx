import { useEffect, useState } from 'preact/hooks';
import { api, type Org, type OrgRef } from '../api';
import { t } from '../i18n';
import { useDebounced } from './ui';

/** Chooses an organization by typing part of its name (search is diacritic-insensitive on the server). */
export function OrgPicker(props: {
  id: string; label: string; value: OrgRef | null; onChange: (o: OrgRef | null) => void; error?: string; required?: boolean;
}) {
  const [q, setQ] = useState('');
  const dq = useDebounced(q.trim(), 250);
  const [results, setResults] = useState<Org[]>([]);
  const [editing, setEditing] = useState(props.value === null);
  useEffect(() => {
    if (!dq) { setResults([]); return; }
    let live = true;
    api.searchOrgs(dq).then((r) => { if (live) setResults(r.items.slice(0, 10)); }, () => { if (live) setResults([]); });
    return () => { live = false; };
  }, [dq]);
  const described = props.error ? `${props.id}-error` : `${props.id}-hint`;
  return (
    <div class={props.error ? 'field field-invalid' : 'field'}>
      {props.value && !editing ? (
        <>
          <span class="label" id={`${props.id}-label`}>{props.label}{props.required && <span class="req" aria-hidden="true"> *</span>}</span>
          <div class="picked">
            <input type="hidden" name={props.id} value={String(props.value.id)} />
            <output id={props.id} aria-labelledby={`${props.id}-label`} data-org-id={props.value.id}>{props.value.name}</output>
            <button type="button" onClick={() => setEditing(true)}>{t('org.change')}</button>
          </div>
        </>
      ) : (
        <>
          <label for={props.id}>{props.label}{props.required && <span class="req" aria-hidden="true"> *</span>}</label>
          <input
            id={props.id}
            type="search"
            autoComplete="off"
            value={q}
            aria-invalid={props.error ? 'true' : undefined}
            aria-describedby={described}
            onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)}
          />
          <p class="hint" id={`${props.id}-hint`}>{t('org.pickSearch')}</p>
          {results.length > 0 && (
            <ul class="pick-list" aria-label={t('org.searchResults')}>
              {results.map((o) => (
                <li key={o.id}>
                  <button type="button" onClick={() => { props.onChange({ id: o.id, name: o.name }); setEditing(false); setQ(''); }}>
                    {o.name} <span class="muted">({o.code})</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {props.error && <p class="field-error" id={`${props.id}-error`} data-field-error={props.id}>{props.error}</p>}
    </div>
  );
}
