import { Alert, Spin } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useAppStore } from '../../stores/app.store';
import { useSessionStore } from '../../stores/session.store';
import { LoginPage } from '../auth/LoginPage';

// The log-in page comes with the program; the shell (every section), the lock screen and the
// set-up wizard are chunks of their own, so the first screen parses a fraction of the code. The
// shell is fetched once the first screen is shown (while the user types the password): fetched
// earlier, its parsing held back the first calls and the first screen on a busy terminal.
const loadShell = () => import('./AppShell');
const AppShell = lazy(() => loadShell().then((m) => ({ default: m.AppShell })));
const LockScreen = lazy(() => import('../auth/LockScreen').then((m) => ({ default: m.LockScreen })));
const SetupWizard = lazy(() => import('../setup/SetupWizard').then((m) => ({ default: m.SetupWizard })));

/** The first calls (program info, set-up state, session), sent as the code arrives rather than after the first render. */
export function startFirstCalls(): void {
  void useAppStore.getState().load();
  void useSessionStore.getState().boot();
}

/** Rendered after its screen inside Suspense: its effect runs once that screen's code has arrived. */
function Ready({ mark }: { mark(): void }) {
  useEffect(() => mark(), [mark]);
  return null;
}

/** Marks the root element for tests: loading → ready | error (never a fixed sleep). */
function useReadinessMarker(state: 'loading' | 'ready' | 'error'): void {
  useEffect(() => {
    document.getElementById('root')?.setAttribute('data-app-state', state);
  }, [state]);
}

/** The readiness flow: program info, then set-up → log-in → lock screen → the shell. */
export function AppRoot() {
  const { info, loadError } = useAppStore();
  const phase = useSessionStore((s) => s.phase);
  const bootError = useSessionStore((s) => s.error);
  const error = loadError ?? (phase === 'error' ? bootError : undefined);
  const settled = !!info && phase !== 'booting';
  const [shown, setShown] = useState<string>();
  const screen = error ? 'error' : settled ? phase : 'loading';
  const markShown = useCallback(() => setShown(screen), [screen]);
  // Ready only once the screen's own code has arrived and rendered (a lazy chunk may still load).
  useReadinessMarker(error ? 'error' : settled && shown === screen ? 'ready' : 'loading');
  useEffect(() => {
    if (shown) void loadShell();
  }, [shown]);

  const spin = <Spin size="large" style={{ display: 'block', marginTop: 120 }} />;
  if (error) return <Alert type="error" showIcon style={{ margin: 24 }} message="无法加载 ChangeDesk" description={error} />;
  if (!settled) return spin;
  return (
    <Suspense fallback={spin}>
      {phase === 'setup' ? <SetupWizard /> : phase === 'login' ? <LoginPage /> : phase === 'locked' ? <LockScreen /> : <AppShell />}
      <Ready mark={markShown} />
    </Suspense>
  );
}
