import { useEffect, useRef, useState } from 'preact/hooks';
import { api, setCsrf, setUnauthorizedHandler, type User } from './api';
import { Link, Loading } from './components/ui';
import { getLang, label, onLangChange, setLang, t } from './i18n';
import { match, navigate, useLocation } from './router';
import { SessionContext, canEdit } from './session';
import { LoginPage } from './pages/Login';
import { PasswordPage } from './pages/Password';
import { OrgTreePage } from './pages/OrgTree';
import { DashboardPage } from './pages/Dashboard';
import { UsersPage } from './pages/Users';
import { ORG_OPS, OrgManagePage, type OrgOp } from './pages/OrgManage';
import { CorrectPage, EventCorrectPage } from './pages/Corrections';
import { OrgPage } from './pages/OrgPage';
import { MembersPage } from './pages/Members';
import { MemberPage } from './pages/Member';
import { AdmitPage, MemberActionPage, ACTIONS } from './pages/MemberForms';
import { DuePage } from './pages/Due';
import { ReportsPage } from './pages/Reports';
import { FormsPage } from './pages/Forms';
import { ImportPage } from './pages/Import';
import { RestructurePage } from './pages/Restructure';
import { ReviewPage } from './pages/Review';
import { ReviewLeniencyPage, ReviewLevelsPage, ReviewWeakPage } from './pages/ReviewReports';
import { AttendancePage, IndicatorsPage, ProgramPage, ProgramsPage } from './pages/Programs';
import { ComplaintPage, ComplaintsPage } from './pages/Complaints';
import { InspectionsPage } from './pages/Inspections';
import { DisciplinePage, InspectionPage } from './pages/InspectionRecords';
import { DegradationPage } from './pages/Degradation';
import { CadrePage, CadresPage, VoteSessionPage } from './pages/Cadres';
import { StaffPage, StaffPersonPage } from './pages/Staff';
import { TrainingClassPage, TrainingClassesPage } from './pages/CadreTraining';

function LangSwitch() {
  const other = getLang() === 'vi' ? 'en' : 'vi';
  return (
    <button type="button" class="lang" lang={other} onClick={() => setLang(other)} data-testid="lang-switch" aria-label={`${t('lang.label')}: ${t('lang.switch')}`}>
      {t('lang.switch')}
    </button>
  );
}

function Header({ user, onLogout }: { user: User; onLogout: () => void }) {
  const loc = useLocation();
  const links: [string, string][] = [
    ['/', t('nav.home')],
    ['/orgs', t('nav.orgs')],
    ['/members', t('nav.members')],
    ['/due', t('nav.due')],
    ['/reports', t('nav.reports')],
    ['/forms', t('nav.forms')],
    ['/reviews', t('nav.reviews')],
    ['/programs', t('nav.programs')],
    ['/inspections', t('nav.inspections')],
    ['/degradation', t('nav.degradation')],
    ['/cadres', t('nav.cadres')],
    ['/staff', t('nav.staff')],
  ];
  if (canEdit(user)) links.push(['/complaints', t('nav.complaints')]);
  if (canEdit(user)) links.push(['/import', t('nav.import')]);
  if (user.role === 'admin') links.push(['/restructure', t('nav.restructure')]);
  if (user.role === 'admin') links.push(['/users', t('nav.users')]);
  return (
    <header class="top">
      <div class="top-row">
        <Link href="/" class="brand">{t('app.title')}</Link>
        <div class="who" data-testid="who">
          <span class="who-name">{user.full_name || user.username}</span>
          <span class="who-role"><span class="sr-only">{t('user.role')}: </span>{label('role', user.role)}</span>
          <span class="who-scope"><span class="sr-only">{t('user.scope')}: </span>{user.scope?.name}</span>
        </div>
        <div class="top-actions">
          <LangSwitch />
          <Link href="/password">{t('nav.password')}</Link>
          <button type="button" onClick={onLogout} data-testid="logout">{t('nav.logout')}</button>
        </div>
      </div>
      <nav aria-label={t('nav.main')} class="mainnav">
        <ul>
          {links.map(([href, text]) => (
            <li key={href}>
              <Link href={href} aria-current={loc.path === href || (href !== '/' && loc.path.startsWith(href + '/')) ? 'page' : undefined}>{text}</Link>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}

function Routes({ user }: { user: User }) {
  const { path, query } = useLocation();
  let m: Record<string, string> | null;
  if (path === '/') return <DashboardPage />;
  if (path === '/orgs') return <OrgTreePage />;
  if ((m = match('/orgs/:id/manage/:op', path)) && canEdit(user) && (ORG_OPS as readonly string[]).includes(m.op)) return <OrgManagePage id={Number(m.id)} op={m.op as OrgOp} />;
  if ((m = match('/orgs/:id', path))) return <OrgPage id={Number(m.id)} asOf={query.get('as_of') ?? undefined} />;
  if (path === '/members') return <MembersPage query={query} />;
  if (path === '/members/new' && canEdit(user)) return <AdmitPage orgId={Number(query.get('org')) || null} />;
  if ((m = match('/members/:id', path))) return <MemberPage id={Number(m.id)} />;
  if ((m = match('/members/:id/correct', path)) && canEdit(user)) return <CorrectPage id={Number(m.id)} />;
  if ((m = match('/members/:id/events/:eid/correct', path)) && canEdit(user)) return <EventCorrectPage id={Number(m.id)} eventId={Number(m.eid)} />;
  if ((m = match('/members/:id/:action', path)) && canEdit(user) && m.action in ACTIONS) {
    return <MemberActionPage id={Number(m.id)} action={m.action as keyof typeof ACTIONS} />;
  }
  if (path === '/due') return <DuePage query={query} />;
  if (path === '/reports') return <ReportsPage query={query} />;
  if (path === '/programs') return <ProgramsPage />;
  if (path === '/programs/indicators') return <IndicatorsPage />;
  if (path === '/programs/attendance') return <AttendancePage />;
  if ((m = match('/programs/:id', path)) && Number(m.id) > 0) return <ProgramPage id={Number(m.id)} asOf={query.get('as_of')} />;
  if (path === '/inspections') return <InspectionsPage />;
  if ((m = match('/inspections/:id', path)) && Number(m.id) > 0) return <InspectionPage id={Number(m.id)} />;
  if ((m = match('/disciplines/:id', path)) && Number(m.id) > 0) return <DisciplinePage id={Number(m.id)} />;
  if (path === '/degradation') return <DegradationPage />;
  if (path === '/cadres') return <CadresPage />;
  if (path === '/staff') return <StaffPage />;
  if ((m = match('/staff/:id', path)) && canEdit(user) && Number(m.id) > 0) return <StaffPersonPage id={Number(m.id)} />;
  if (path === '/cadres/classes') return <TrainingClassesPage />;
  if ((m = match('/cadres/classes/:id', path)) && canEdit(user) && Number(m.id) > 0) return <TrainingClassPage id={Number(m.id)} />;
  if ((m = match('/cadres/votes/:id', path)) && canEdit(user) && Number(m.id) > 0) return <VoteSessionPage id={Number(m.id)} />;
  if ((m = match('/cadres/:id', path)) && canEdit(user) && Number(m.id) > 0) return <CadrePage id={Number(m.id)} />;
  if (path === '/complaints' && canEdit(user)) return <ComplaintsPage />;
  if ((m = match('/complaints/:id', path)) && canEdit(user) && Number(m.id) > 0) return <ComplaintPage id={Number(m.id)} />;
  if (path === '/forms') return <FormsPage query={query} />;
  if (path === '/reviews') return <ReviewLevelsPage query={query} />;
  if (path === '/reviews/leniency') return <ReviewLeniencyPage query={query} />;
  if (path === '/reviews/weak') return <ReviewWeakPage query={query} />;
  if ((m = match('/reviews/:kind/:id', path)) && (m.kind === 'members' || m.kind === 'orgs') && Number(m.id) > 0) {
    return <ReviewPage kind={m.kind} id={Number(m.id)} query={query} />;
  }
  if (path === '/import' && canEdit(user)) return <ImportPage />;
  if (path === '/password') return <PasswordPage />;
  if (path === '/users' && user.role === 'admin') return <UsersPage />;
  if (path === '/restructure' && user.role === 'admin') return <RestructurePage />;
  return <div class="notice notice-warn" role="alert" data-testid="not-found"><p>{t('app.notFound')}</p></div>;
}

export function App() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [, setTick] = useState(0);
  const loc = useLocation();

  useEffect(() => onLangChange(() => setTick((n) => n + 1)), []);
  useEffect(() => {
    setUnauthorizedHandler(() => setUser(null));
    api.me().then(
      (s) => { setCsrf(s.csrf); setUser(s.user); },
      () => setUser(null),
    );
  }, []);
  useEffect(() => {
    document.title = t('app.title');
  });
  useEffect(() => {
    if (user && loc.path === '/login') navigate('/orgs', true);
  }, [user, loc.path]);
  // After moving to another page, put the keyboard and screen-reader focus at the start of the content.
  const firstPath = useRef(true);
  useEffect(() => {
    if (firstPath.current) { firstPath.current = false; return; }
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [loc.path]);

  if (user === undefined) return <main id="main" class="page"><Loading /></main>;
  if (user === null) {
    return (
      <LoginPage
        onLogin={(s) => {
          setCsrf(s.csrf);
          setUser(s.user);
          if (loc.path === '/login') navigate('/orgs', true);
        }}
        langSwitch={<LangSwitch />}
      />
    );
  }
  const logout = () => {
    api.logout().finally(() => {
      setCsrf('');
      setUser(null);
      navigate('/login', true);
    });
  };
  return (
    <SessionContext.Provider value={user}>
      <a class="skip" href="#main">{t('app.skip')}</a>
      <Header user={user} onLogout={logout} />
      <main id="main" class="page" tabIndex={-1}>
        <Routes user={user} />
      </main>
    </SessionContext.Provider>
  );
}
