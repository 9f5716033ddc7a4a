import type { OrgRef } from '../api';
import { formatDate } from '../format';
import { t } from '../i18n';
import { parentsLabel, shortOrgName, useOrgPath } from '../orgpath';
import { Link } from './ui';

/** An organization named with its path ("Chi bộ TDP số 1 — P. Kim Liên — Q. Đống Đa"); an ended one
 *  says how and when it ended, and into what. */
export function OrgName({ org, link = true }: { org: OrgRef | null | undefined; link?: boolean }) {
  const p = useOrgPath(org?.id);
  if (!org) return <>—</>;
  const name = shortOrgName(p?.name ?? org.name);
  const parents = p ? parentsLabel(p.parents) : '';
  return (
    <span class="org-name" data-org-path={org.id}>
      {link ? <Link href={`/orgs/${org.id}`}>{name}</Link> : name}
      {parents && <span class="org-path"> — {parents}</span>}
      {p && !p.alive && p.ended_on && (
        <span class="org-ended" data-testid="org-ended">
          {' ('}
          {p.end_kind === 'merge' && p.into
            ? <>{t('orgpath.ended.mergeInto')} <Link href={`/orgs/${p.into.id}`}>{shortOrgName(p.into.name)}</Link> {t('orgpath.ended.since', { date: formatDate(p.ended_on) })}</>
            : t(p.end_kind === 'merge' ? 'orgpath.ended.mergeNoInto' : 'orgpath.ended.dissolve', { date: formatDate(p.ended_on) })}
          {')'}
        </span>
      )}
    </span>
  );
}
