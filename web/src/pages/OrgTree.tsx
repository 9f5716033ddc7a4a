import { useEffect, useState } from 'preact/hooks';
import { api, type Org } from '../api';
import { ErrorBox, Link, Loading, Pager, useAsync, useDebounced } from '../components/ui';
import { parentsLabel, shortOrgName } from '../orgpath';
import { formatNumber } from '../format';
import { getLang, t } from '../i18n';

function CountBadge({ members, children }: { members?: number; children?: number }) {
  const lang = getLang();
  return (
    <span class="counts">
      {members !== undefined && <span>{formatNumber(members, lang)} {t('org.memberCount')}</span>}
      {children !== undefined && children > 0 && <span> · {formatNumber(children, lang)} {t('org.childCount')}</span>}
    </span>
  );
}

/** One node; its children are fetched the first time it is opened. */
function TreeNode({ org, memberCount, childCount, depth, startOpen }: { org: Org; memberCount?: number; childCount?: number; depth: number; startOpen?: boolean }) {
  const [open, setOpen] = useState(!!startOpen);
  const [kids, setKids] = useState<Org[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const hasKids = (childCount ?? 0) > 0;
  const load = () => {
    setError(null);
    api.orgChildren(org.id).then((r) => setKids(r.items), setError);
  };
  useEffect(() => {
    if (open && hasKids && kids === null) load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);
  const toggle = () => setOpen(!open);
  return (
    <li class="tree-node" data-org-id={org.id}>
      <div class="tree-row">
        {hasKids ? (
          <button type="button" class="tree-toggle" aria-expanded={open} onClick={toggle}
            aria-label={`${open ? t('org.collapse') : t('org.expand')}: ${org.name}`} data-testid={`toggle-${org.id}`}>
            <span aria-hidden="true">{open ? '▾' : '▸'}</span>
          </button>
        ) : <span class="tree-spacer" aria-hidden="true" />}
        <Link href={`/orgs/${org.id}`} class="tree-link">{org.name}</Link>
        <CountBadge members={memberCount} children={childCount} />
      </div>
      {open && hasKids && (
        <div class="tree-kids">
          {error ? <ErrorBox error={error} onRetry={load} /> : kids === null ? <Loading /> : (
            <ul>
              {kids.map((k) => <TreeNode key={k.id} org={k} memberCount={k.member_count} childCount={k.child_count} depth={depth + 1} />)}
            </ul>
          )}
        </div>
      )}
    </li>
  );
}

export function OrgSearch() {
  const [q, setQ] = useState('');
  const dq = useDebounced(q.trim(), 300);
  const [page, setPage] = useState(1);
  const res = useAsync(() => (dq ? api.searchOrgs(dq, page, 20) : Promise.resolve(null)), [dq, page]);
  return (
    <section class="org-search" aria-labelledby="org-search-h">
      <h2 id="org-search-h" class="sr-only">{t('org.search')}</h2>
      <label for="org-q">{t('org.search')}</label>
      <input id="org-q" type="search" value={q} autoComplete="off" aria-describedby="org-q-hint"
        onInput={(e) => { setQ((e.currentTarget as HTMLInputElement).value); setPage(1); }} />
      <p class="hint" id="org-q-hint">{t('orgpick.hint')}</p>
      {dq && (res.error ? <ErrorBox error={res.error} /> : res.data ? (
        <div aria-live="polite">
          {res.data.items.length === 0 ? <p>{t('org.noResults')}</p> : (
            <>
              <p class="hint" data-testid="org-results-total">{t('orgpick.total', { n: formatNumber(res.data.total ?? 0, getLang()) })}</p>
              <ul class="plain-list" aria-label={t('org.searchResults')} data-testid="org-results">
                {res.data.items.map((o) => (
                  <li key={o.id}><Link href={`/orgs/${o.id}`}>{shortOrgName(o.name)}</Link>
                    {o.parents && o.parents.length > 0 && <span class="org-path"> — {parentsLabel(o.parents)}</span>}
                    {' '}<span class="muted">{o.code}</span></li>
                ))}
              </ul>
              {(res.data.total ?? 0) > 20 && <Pager page={page} pageSize={20} total={res.data.total ?? 0} onPage={setPage} />}
            </>
          )}
        </div>
      ) : <Loading />)}
    </section>
  );
}

export function OrgTreePage() {
  const root = useAsync(() => api.rootOrg(), []);
  return (
    <div>
      <h1>{t('org.tree')}</h1>
      <OrgSearch />
      {root.error ? <ErrorBox error={root.error} onRetry={root.reload} /> : !root.data ? <Loading /> : (
        <ul class="tree" aria-label={t('org.tree')} data-testid="tree">
          <TreeNode org={root.data} memberCount={root.data.counts?.members ?? root.data.member_count}
            childCount={root.data.counts?.children ?? root.data.child_count} depth={0} startOpen />
        </ul>
      )}
    </div>
  );
}
