import { useEffect } from 'react';

const ACTIVITY = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;

/**
 * Calls onIdle once no key or pointer activity has happened for `minutes` (the policy
 * setting idleLockMinutes). The service locks an idle session on its own as well.
 */
export function useIdleLock(minutes: number | undefined, onIdle: () => void): void {
  useEffect(() => {
    if (!minutes || minutes <= 0) return;
    const ms = minutes * 60_000;
    let timer = window.setTimeout(onIdle, ms);
    const reset = (): void => {
      window.clearTimeout(timer);
      timer = window.setTimeout(onIdle, ms);
    };
    for (const type of ACTIVITY) window.addEventListener(type, reset, { passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const type of ACTIVITY) window.removeEventListener(type, reset);
    };
  }, [minutes, onIdle]);
}
