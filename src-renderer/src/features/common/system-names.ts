import { useEffect } from 'react';
import { useSettingsStore } from '../../stores/settings.store';

/** Codes already asked for once: a code the register truly lacks is not asked for again. */
const asked = new Set<string>();

/**
 * The system register's names for codes (涉及系统 is stored as codes, people read names). The
 * register is loaded once, and again when a form names a system it did not hold then (one added
 * since, or a form received from another unit); a code the register lacks is shown as it is.
 */
export function useSystemNames(shown?: readonly string[]): (codes: readonly string[] | undefined) => string {
  const systems = useSettingsStore((s) => s.systems);
  const loadSystems = useSettingsStore((s) => s.loadSystems);
  const haveSystems = systems.length > 0;
  const unknown = (shown ?? []).filter((c) => !asked.has(c) && !systems.some((s) => s.code === c)).join(',');
  useEffect(() => {
    if (haveSystems && !unknown) return;
    for (const c of unknown.split(',')) if (c) asked.add(c);
    void loadSystems();
  }, [haveSystems, unknown, loadSystems]);
  return (codes) => (codes ?? []).map((c) => systems.find((s) => s.code === c)?.name ?? c).join('、');
}
