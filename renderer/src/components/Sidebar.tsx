import type { Route } from '../data/route.js';
import { DatasetList } from './DatasetList.js';
import { RunList } from './RunList.js';

/** The left column: every dataset and every run, the selected one marked. */
export function Sidebar({ route }: { route: Route }) {
  return (
    <nav className="sidebar" aria-label="Datasets and runs">
      <div className="sidebar-inner">
        <DatasetList selectedId={route.view === 'dataset' ? route.id : null} />
        <RunList selectedId={route.view === 'run' ? route.id : null} />
      </div>
    </nav>
  );
}
