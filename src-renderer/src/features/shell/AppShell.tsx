import { Layout, Menu, Spin, Typography } from 'antd';
import { lazy, Suspense, useCallback, type ComponentType } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useSessionStore } from '../../stores/session.store';
import { InboxPage } from '../inbox/InboxPage';
import { PdfPreview } from '../print/PdfPreview';
import { SectionPlaceholder } from '../placeholder/SectionPlaceholder';
import { sectionsFor } from './sections';
import { useIdleLock } from './useIdleLock';
import { UserBar } from './UserBar';

/** A section's code as a chunk of its own, fetched the first time it is opened (echarts, pdf.js … stay out of the start). */
function section<M>(load: () => Promise<M>, pick: (m: M) => ComponentType) {
  const C = lazy(() => load().then((m) => ({ default: pick(m) })));
  return () => <C />;
}

const BUILT: Record<string, () => React.ReactNode> = {
  '/about': section(() => import('../about/AboutPage'), (m) => m.AboutPage),
  '/settings': section(() => import('../settings/SettingsPage'), (m) => m.SettingsPage),
  '/changes': section(() => import('../changes/ChangesSection'), (m) => m.ChangesSection),
  // 待办 is where a log-in lands: it comes with the shell.
  '/todo': () => <InboxPage />,
  '/calendar': section(() => import('../calendar/CalendarPage'), (m) => m.CalendarPage),
  '/exchange': section(() => import('../exchange/ExchangePage'), (m) => m.ExchangePage),
  '/golive': section(() => import('../golive/GoliveSection'), (m) => m.GoliveSection),
  '/release': section(() => import('../release/ReleaseSection'), (m) => m.ReleaseSection),
  '/stats': section(() => import('../stats/StatsPage'), (m) => m.StatsPage),
};

/** The logged-in program: navigation per role, the user bar, the sections. */
export function AppShell() {
  const session = useSessionStore((s) => s.session);
  const lock = useSessionStore((s) => s.lock);
  const location = useLocation();
  const navigate = useNavigate();
  const onIdle = useCallback(() => void lock(), [lock]);
  useIdleLock(session?.idleLockMinutes, onIdle);

  const sections = sectionsFor(session?.user.roles);
  const current = sections.find((s) => location.pathname.startsWith(s.path))?.path ?? '/todo';
  return (
    <Layout style={{ height: '100%' }}>
      <Layout.Sider width={168} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
        <div style={{ padding: '16px 16px 8px' }}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            变更发布管理台
          </Typography.Text>
        </div>
        <nav aria-label="主导航">
          <Menu mode="inline" selectedKeys={[current]} items={sections.map((s) => ({ key: s.path, icon: s.icon, label: s.label }))} onClick={(e) => navigate(e.key)} />
        </nav>
      </Layout.Sider>
      <Layout>
        {session && (
          <Layout.Header className="app-header">
            <UserBar />
          </Layout.Header>
        )}
        <PdfPreview />
        <Layout.Content style={{ padding: 24, overflow: 'auto' }}>
          <Suspense fallback={<Spin style={{ display: 'block', marginTop: 80 }} />}>
            <Routes>
              <Route path="/" element={<Navigate to="/todo" replace />} />
              {sections.map((s) => (
                <Route key={s.path} path={`${s.path}/*`} element={BUILT[s.path]?.() ?? <SectionPlaceholder section={s} />} />
              ))}
              <Route path="*" element={<Navigate to="/todo" replace />} />
            </Routes>
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
