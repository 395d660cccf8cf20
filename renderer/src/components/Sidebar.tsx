import type { Route } from '../data/route.js';
import { DatasetList } from './DatasetList.js';
import { ModelList } from './ModelList.js';
import { RunList } from './RunList.js';
import { SweepList } from './SweepList.js';

/** The left column: every dataset and every run, the selected one marked. */
export function Sidebar({ route }: { route: Route }) {
  return (
    <nav className="sidebar" aria-label="Datasets and runs">
      <div className="sidebar-inner">
        <DatasetList selectedId={route.view === 'dataset' ? route.id : null} />
        <a
          className="sidebar-item sidebar-nav-link"
          href="#/drift"
          aria-current={route.view === 'drift' ? 'page' : undefined}
        >
          Drift checks
        </a>
        <a
          className="sidebar-item sidebar-nav-link"
          href="#/automation"
          aria-current={route.view === 'automation' ? 'page' : undefined}
        >
          Automation: continuous training
        </a>
        <a
          className="sidebar-item sidebar-nav-link"
          href="#/settings"
          aria-current={route.view === 'settings' ? 'page' : undefined}
        >
          Settings: backup and transfer
        </a>
        <SweepList selectedId={route.view === 'sweep' ? route.id : null} />
        <ModelList selected={route.view === 'model' ? route.name : null} />
        <RunList selectedId={route.view === 'run' ? route.id : null} />
      </div>
    </nav>
  );
}
