import { Fragment } from 'preact';
import { api, type MemberDetail } from '../api';
import { OrgName } from '../components/OrgName';
import { CorrectionHistory } from './Corrections';
import { ErrorBox, Link, Loading, useAsync } from '../components/ui';
import { formatDate, formatNumber, todayIso, yearsBetween } from '../format';
import { getLang, label, t } from '../i18n';
import { eventTitle, fieldText, onTemporaryTransfer, sortEvents, suspended } from '../member';
import { canEdit, useUser } from '../session';

/** The Phiếu đảng viên's fields (the field table's MFF_PROFILE ones), in the table's order. */
function PhieuCard({ m }: { m: MemberDetail }) {
  const defs = useAsync(() => api.memberFields(), []);
  const fields = (defs.data?.fields ?? []).filter((f) => f.profile);
  if (!fields.length) return null;
  const rec = m as unknown as Record<string, unknown>;
  return (
    <section class="card" aria-labelledby="m-phieu" data-testid="phieu">
      <h2 id="m-phieu">{t('rec.phieu')}</h2>
      <dl class="details">
        {fields.map((f) => <Fragment key={f.key}><dt>{f.label}</dt><dd data-field={f.key}>{fieldText(f, rec[f.key])}</dd></Fragment>)}
      </dl>
    </section>
  );
}

export function MemberPage({ id }: { id: number }) {
  const corrected = new URLSearchParams(window.location.search).get('corrected') === '1';
  const user = useUser();
  const lang = getLang();
  const res = useAsync(() => api.member(id), [id]);
  if (res.error) return <ErrorBox error={res.error} onRetry={res.reload} />;
  if (!res.data) return <Loading />;
  const m = res.data;
  const age = yearsBetween(m.birth_date, todayIso());
  const events = sortEvents(m.events ?? []);
  const temporary = onTemporaryTransfer(events);
  const active = m.status === 'official' || m.status === 'probationary';
  const actions: [string, string][] = [];
  if (canEdit(user) && active) {
    if (m.status === 'probationary') actions.push(['official', t('form.official')]);
    if (temporary) actions.push(['return', t('form.return')]);
    actions.push(['transfer', t('form.transfer')], ['discipline', t('form.discipline')],
      ['exempt', m.exempt ? t('form.exemptEnd') : t('form.exempt')],
      ['suspend', suspended(events) ? t('form.suspendEnd') : t('form.suspend')], ['commend', t('form.commend')]);
    if (m.status === 'official') actions.push(['card', t('form.card')], ['badge', t('form.badge')]);
    actions.push(['exit', t('form.exit')]);
  } else if (canEdit(user) && m.status === 'removed') {
    actions.push(['restore', t('form.restore')], ['readmit', t('form.readmit')]);
  }
  const row = (k: string, v: string | null | undefined) => (
    <><dt>{k}</dt><dd>{v || '—'}</dd></>
  );
  return (
    <div data-testid="member-page">
      <p class="breadcrumb-back">
        {m.org && <OrgName org={m.org} />}
      </p>
      <h1>{m.full_name}</h1>
      <p class="lead">
        <span class={`status status-${m.status}`}>{label('status', m.status)}</span>
        {m.exempt && <> · <span class="badge badge-warn">{t('member.exempt')}</span></>}
        {temporary && <> · <span class="badge badge-warn">{t('member.temporary')}</span></>}
        {m.party_age_years != null && <> · {t('member.partyAge')}: <strong data-testid="party-age">{t('member.partyAgeYears', { n: formatNumber(m.party_age_years, lang) })}</strong></>}
      </p>
      {corrected && <p class="notice notice-ok" role="status" data-testid="corrected">{t('corr.done')}</p>}
      <div class="toolbar toolbar-links">
        <Link class="button" href={`/reviews/members/${m.id}`} data-testid="member-review">{t('member.review')}</Link>
        {canEdit(user) && <Link class="button" href={`/members/${m.id}/correct`} data-testid="member-correct">{t('corr.edit')}</Link>}
      </div>
      {actions.length > 0 && (
        <nav class="toolbar" aria-label={t('member.actions')}>
          {actions.map(([a, text]) => <Link key={a} class="button" href={`/members/${m.id}/${a}`} data-action={a}>{text}</Link>)}
        </nav>
      )}
      <div class="grid2">
        <section class="card" aria-labelledby="m-details">
          <h2 id="m-details">{t('member.profile')}</h2>
          <dl class="details">
            {row(t('member.gender'), label('gender', m.gender))}
            {row(t('member.birthDate'), formatDate(m.birth_date) + (age !== null ? ` (${t('member.age').toLowerCase()} ${age})` : ''))}
            {row(t('member.ethnicity'), m.ethnicity)}
            {row(t('member.religion'), m.religion)}
            {row(t('member.hometown'), m.hometown)}
            {row(t('member.nationalId'), m.national_id)}
            {row(t('member.education'), m.education)}
            {row(t('member.professional'), m.professional_level)}
            {row(t('member.theory'), label('theory', m.theory_level))}
            <dt>{t('member.org')}</dt><dd data-testid="member-org"><OrgName org={m.org} /></dd>
          </dl>
        </section>
        <section class="card" aria-labelledby="m-party">
          <h2 id="m-party">{t('member.partyAge')}</h2>
          <dl class="details">
            {row(t('member.admissionDate'), formatDate(m.admission_decision_date))}
            {row(t('member.ceremonyDate'), formatDate(m.ceremony_date))}
            {row(t('member.officialDate'), formatDate(m.official_date))}
            {row(t('member.partyCard'), m.party_card_no)}
            {m.died_on && row(label('status', 'deceased'), formatDate(m.died_on))}
            {row(t('member.partyAge'), m.party_age_years == null ? null : t('member.partyAgeYears', { n: formatNumber(m.party_age_years, lang) }))}
          </dl>
        </section>
      </div>
      <PhieuCard m={m} />
      <section aria-labelledby="m-timeline">
        <h2 id="m-timeline">{t('member.timeline')}</h2>
        {events.length === 0 ? <p>{t('member.noEvents')}</p> : (
          <ol class="timeline" data-testid="timeline">
            {events.map((e) => (
              <li key={e.id}>
                <time dateTime={e.date}>{formatDate(e.date)}</time>
                <div>
                  <strong>{eventTitle(e)}</strong>
                  {e.org && <> — <OrgName org={e.org} /></>}
                  {e.decision_no && <div class="muted">{t('col.decision')}: {e.decision_no}</div>}
                  {(e.scope && e.scope !== 'none' || e.place) && <div class="muted" data-testid="event-where">{label('scope', e.scope ?? 'none')}{e.place ? ` — ${e.place}` : ''}</div>}
                  {e.detail && <div>{e.detail}</div>}
                  {canEdit(user) && <div><Link href={`/members/${m.id}/events/${e.id}/correct`} class="muted" data-event-correct={e.id}>{t('corr.editEvent')}</Link></div>}
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>
      <CorrectionHistory id={m.id} key={res.data ? JSON.stringify(res.data).length : 0} />
    </div>
  );
}
