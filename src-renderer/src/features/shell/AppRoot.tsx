import { Alert, Spin } from 'antd';
import { useEffect } from 'react';
import { useAppStore } from '../../stores/app.store';
import { useSessionStore } from '../../stores/session.store';
import { LockScreen } from '../auth/LockScreen';
import { LoginPage } from '../auth/LoginPage';
import { SetupWizard } from '../setup/SetupWizard';
import { AppShell } from './AppShell';

/** Marks the root element for tests: loading → ready | error (never a fixed sleep). */
function useReadinessMarker(state: 'loading' | 'ready' | 'error'): void {
  useEffect(() => {
    document.getElementById('root')?.setAttribute('data-app-state', state);
  }, [state]);
}

/** The readiness flow: program info, then set-up → log-in → lock screen → the shell. */
export function AppRoot() {
  const { info, loadError, load } = useAppStore();
  const phase = useSessionStore((s) => s.phase);
  const bootError = useSessionStore((s) => s.error);
  const boot = useSessionStore((s) => s.boot);
  useEffect(() => {
    void load();
    void boot();
  }, [load, boot]);
  const error = loadError ?? (phase === 'error' ? bootError : undefined);
  useReadinessMarker(error ? 'error' : info && phase !== 'booting' ? 'ready' : 'loading');

  if (error) return <Alert type="error" showIcon style={{ margin: 24 }} message="无法加载 ChangeDesk" description={error} />;
  if (!info || phase === 'booting') return <Spin size="large" style={{ display: 'block', marginTop: 120 }} />;
  if (phase === 'setup') return <SetupWizard />;
  if (phase === 'login') return <LoginPage />;
  if (phase === 'locked') return <LockScreen />;
  return <AppShell />;
}
