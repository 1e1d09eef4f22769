import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { tse } from './entryMessages';
import { SidePanel } from '../ui/SidePanel';
import type * as StatsPanelModule from './StatsPanel';

/** Props of {@link StatsPanelLoader} (those of the panel itself). */
export type StatsPanelLoaderProps = StatsPanelModule.StatsPanelProps;

/** The panel's code once loaded (kept for the rest of the visit). */
let loaded: typeof StatsPanelModule | undefined;

/**
 * The call statistics panel, whose code (charts, words, styles) is fetched the first time it
 * opens: most calls never open it, and the first page must stay small. Shows "Loading…" in the
 * panel meanwhile, and what to do if it cannot be fetched.
 */
export function StatsPanelLoader(props: StatsPanelLoaderProps) {
  const module = useSignal(loaded);
  const failed = useSignal(false);
  useEffect(() => {
    if (module.value) return;
    let live = true;
    import('./StatsPanel').then(
      (m) => {
        loaded = m;
        if (live) module.value = m;
      },
      () => {
        if (live) failed.value = true;
      },
    );
    return () => {
      live = false;
    };
  }, []);
  const Panel = module.value?.StatsPanel;
  if (Panel) return <Panel {...props} />;
  return (
    <SidePanel id="stats-panel" label={tse('stats')} title={tse('stats')} onClose={props.onClose}>
      <p class="side-panel__status" role="status">
        {failed.value ? tse('statsFailed') : tse('statsLoading')}
      </p>
    </SidePanel>
  );
}
