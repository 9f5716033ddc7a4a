import type { Org } from '../api';
import { t } from '../i18n';
import { Link } from './ui';

/** Root → organization trail; the last item is the current page. */
export function Breadcrumb({ org }: { org: Org }) {
  const path = org.path && org.path.length ? org.path : [{ id: org.id, name: org.name }];
  return (
    <nav aria-label={t('org.breadcrumb')} class="breadcrumb" data-testid="breadcrumb">
      <ol>
        <li><Link href="/orgs">{t('org.tree')}</Link></li>
        {path.map((p, i) => (
          <li key={p.id}>
            {i === path.length - 1 ? <span aria-current="page">{p.name}</span> : <Link href={`/orgs/${p.id}`}>{p.name}</Link>}
          </li>
        ))}
      </ol>
    </nav>
  );
}
