import { Layout, Menu, Typography } from 'antd';
import { useCallback } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useSessionStore } from '../../stores/session.store';
import { AboutPage } from '../about/AboutPage';
import { CalendarPage } from '../calendar/CalendarPage';
import { ChangesSection } from '../changes/ChangesSection';
import { ExchangePage } from '../exchange/ExchangePage';
import { GoliveSection } from '../golive/GoliveSection';
import { ReleaseSection } from '../release/ReleaseSection';
import { InboxPage } from '../inbox/InboxPage';
import { PdfPreview } from '../print/PdfPreview';
import { SectionPlaceholder } from '../placeholder/SectionPlaceholder';
import { SettingsPage } from '../settings/SettingsPage';
import { StatsPage } from '../stats/StatsPage';
import { sectionsFor } from './sections';
import { useIdleLock } from './useIdleLock';
import { UserBar } from './UserBar';

const BUILT: Record<string, () => React.ReactNode> = {
  '/about': () => <AboutPage />,
  '/settings': () => <SettingsPage />,
  '/changes': () => <ChangesSection />,
  '/todo': () => <InboxPage />,
  '/calendar': () => <CalendarPage />,
  '/exchange': () => <ExchangePage />,
  '/golive': () => <GoliveSection />,
  '/release': () => <ReleaseSection />,
  '/stats': () => <StatsPage />,
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
          <Routes>
            <Route path="/" element={<Navigate to="/todo" replace />} />
            {sections.map((s) => (
              <Route key={s.path} path={`${s.path}/*`} element={BUILT[s.path]?.() ?? <SectionPlaceholder section={s} />} />
            ))}
            <Route path="*" element={<Navigate to="/todo" replace />} />
          </Routes>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
