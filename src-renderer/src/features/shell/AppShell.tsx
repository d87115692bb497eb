import { Alert, Layout, Menu, Spin, Typography } from 'antd';
import { useEffect } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useAppStore } from '../../stores/app.store';
import { AboutPage } from '../about/AboutPage';
import { SectionPlaceholder } from '../placeholder/SectionPlaceholder';
import { SECTIONS } from './sections';

/** Marks the root element for tests: loading → ready | error (never a fixed sleep). */
function useReadinessMarker(state: 'loading' | 'ready' | 'error'): void {
  useEffect(() => {
    document.getElementById('root')?.setAttribute('data-app-state', state);
  }, [state]);
}

export function AppShell() {
  const { info, loadError, load } = useAppStore();
  const location = useLocation();
  const navigate = useNavigate();
  useEffect(() => {
    void load();
  }, [load]);
  useReadinessMarker(loadError ? 'error' : info ? 'ready' : 'loading');

  if (loadError) {
    return <Alert type="error" showIcon style={{ margin: 24 }} message="无法加载 ChangeDesk" description={loadError} />;
  }
  if (!info) return <Spin size="large" style={{ display: 'block', marginTop: 120 }} />;

  const current = SECTIONS.find((s) => location.pathname.startsWith(s.path))?.path ?? '/todo';
  return (
    <Layout style={{ height: '100%' }}>
      <Layout.Sider width={168} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
        <div style={{ padding: '16px 16px 8px' }}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            变更发布管理台
          </Typography.Text>
        </div>
        <nav aria-label="主导航">
          <Menu
            mode="inline"
            selectedKeys={[current]}
            items={SECTIONS.map((s) => ({ key: s.path, icon: s.icon, label: s.label }))}
            onClick={(e) => navigate(e.key)}
          />
        </nav>
      </Layout.Sider>
      <Layout.Content style={{ padding: 24, overflow: 'auto' }}>
        <Routes>
          <Route path="/" element={<Navigate to="/todo" replace />} />
          <Route path="/about" element={<AboutPage />} />
          {SECTIONS.filter((s) => s.path !== '/about').map((s) => (
            <Route key={s.path} path={`${s.path}/*`} element={<SectionPlaceholder section={s} />} />
          ))}
        </Routes>
      </Layout.Content>
    </Layout>
  );
}
