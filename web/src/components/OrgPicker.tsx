import { useEffect, useState } from 'preact/hooks';
import { api, type Org, type OrgRef } from '../api';
import { formatNumber } from '../format';
import { getLang, t } from '../i18n';
import { parentsLabel, shortOrgName } from '../orgpath';
import { useDebounced } from './ui';

const SHOWN = 20;

/** Chooses an organization by typing words of its name, code, parent or ward (ranked on the server,
 *  with each result's path), or by browsing the tree from the account's scope. form limits the
 *  choice to chi bộ (transfers, admissions) or đảng bộ. */
export function OrgPicker(props: {
  id: string; label: string; value: OrgRef | null; onChange: (o: OrgRef | null) => void; error?: string; required?: boolean;
  form?: 'chi_bo' | 'dang_bo';
}) {
  const [q, setQ] = useState('');
  const dq = useDebounced(q.trim(), 200);
  const [results, setResults] = useState<Org[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState(props.value === null);
  const [browsing, setBrowsing] = useState(false);
  useEffect(() => {
    setPage(1);
    if (!dq) { setResults([]); setTotal(0); return; }
    let live = true;
    api.searchOrgs(dq, 1, SHOWN, props.form).then((r) => { if (live) { setResults(r.items); setTotal(r.total ?? r.items.length); } },
      () => { if (live) { setResults([]); setTotal(0); } });
    return () => { live = false; };
  }, [dq, props.form]);
  const more = () => {
    const next = page + 1;
    api.searchOrgs(dq, next, SHOWN, props.form).then((r) => { setResults((old) => [...old, ...r.items]); setPage(next); }, () => {});
  };
  const pick = (o: OrgRef) => { props.onChange({ id: o.id, name: o.name }); setEditing(false); setBrowsing(false); setQ(''); };
  const described = props.error ? `${props.id}-error` : `${props.id}-hint`;
  return (
    <div class={props.error ? 'field field-invalid' : 'field'}>
      {props.value && !editing ? (
        <>
          <span class="label" id={`${props.id}-label`}>{props.label}{props.required && <span class="req" aria-hidden="true"> *</span>}</span>
          <div class="picked">
            <input type="hidden" name={props.id} value={String(props.value.id)} />
            <output id={props.id} aria-labelledby={`${props.id}-label`} data-org-id={props.value.id}>{shortOrgName(props.value.name)}</output>
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
          <p class="hint" id={`${props.id}-hint`}>{t('orgpick.hint')}</p>
          {dq && <p class="hint" data-testid="orgpick-total" aria-live="polite">{t('orgpick.total', { n: formatNumber(total, getLang()) })}</p>}
          {results.length > 0 && (
            <ul class="pick-list" aria-label={t('org.searchResults')} data-testid="orgpick-results">
              {results.map((o) => (
                <li key={o.id}>
                  <button type="button" data-org-id={o.id} onClick={() => pick(o)}>
                    <span class="pick-name">{shortOrgName(o.name)}</span>
                    {o.parents && o.parents.length > 0 && <span class="org-path"> — {parentsLabel(o.parents)}</span>}
                    <span class="muted pick-code"> ({o.code})</span>
                  </button>
                </li>
              ))}
              {results.length < total && (
                <li><button type="button" class="pick-more" onClick={more}>{t('orgpick.more')}</button></li>
              )}
            </ul>
          )}
          <button type="button" class="link-button" aria-expanded={browsing} onClick={() => setBrowsing(!browsing)}>
            {browsing ? t('orgpick.browseClose') : t('orgpick.browse')}
          </button>
          {browsing && <TreeBrowser form={props.form} onPick={pick} />}
        </>
      )}
      {props.error && <p class="field-error" id={`${props.id}-error`} data-field-error={props.id}>{props.error}</p>}
    </div>
  );
}

/** Walks down from the account's scope: each level's children with their member counts. */
function TreeBrowser({ form, onPick }: { form?: 'chi_bo' | 'dang_bo'; onPick: (o: OrgRef) => void }) {
  const [trail, setTrail] = useState<Org[]>([]);
  const [kids, setKids] = useState<Org[] | null>(null);
  useEffect(() => {
    let live = true;
    if (trail.length === 0) {
      api.rootOrg().then((r) => { if (live) setTrail([r]); }, () => {});
      return () => { live = false; };
    }
    setKids(null);
    api.orgChildren(trail[trail.length - 1].id).then((r) => { if (live) setKids(r.items); }, () => { if (live) setKids([]); });
    return () => { live = false; };
  }, [trail]);
  const here = trail[trail.length - 1];
  const lang = getLang();
  return (
    <div class="tree-browser" data-testid="orgpick-tree">
      {here && (
        <p class="tree-here">
          {trail.length > 1 && <button type="button" onClick={() => setTrail(trail.slice(0, -1))}>{t('orgpick.up')}</button>}
          <strong>{shortOrgName(here.name)}</strong>
          {(!form || here.form === form) && <button type="button" onClick={() => onPick(here)}>{t('orgpick.choose')}</button>}
        </p>
      )}
      {kids === null ? <p class="loading">…</p> : kids.length === 0 ? <p class="muted">{t('orgpick.noChildren')}</p> : (
        <ul class="pick-list">
          {kids.map((k) => (
            <li key={k.id} class="tree-row">
              <span>{shortOrgName(k.name)} <span class="muted">({formatNumber(k.member_count ?? 0, lang)})</span></span>
              <span class="tree-actions">
                {(k.child_count ?? 0) > 0 && <button type="button" onClick={() => setTrail([...trail, k])}>{t('orgpick.open')}</button>}
                {(!form || k.form === form) && <button type="button" data-org-id={k.id} onClick={() => onPick(k)}>{t('orgpick.choose')}</button>}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
