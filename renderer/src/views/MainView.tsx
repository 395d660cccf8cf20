import type { Route } from '../data/route.js';
import { DatasetView } from './DatasetView.js';
import { AutomationView } from './automation/AutomationView.js';
import { DriftView } from './drift/DriftView.js';
import { ModelView } from './models/ModelView.js';
import { CompareView } from './explorer/CompareView.js';
import { ExplorerView } from './explorer/ExplorerView.js';
import { RunView } from './RunView.js';
import { MlflowRunLink } from './MlflowRunLink.js';
import { SettingsView } from './settings/SettingsView.js';
import { SweepView } from './train/SweepView.js';
import { WelcomeView } from './WelcomeView.js';

interface MainViewProps {
  route: Route;
  empty: boolean;
  onError: (message: string) => void;
}

/** Picks the main area's view from the route. */
export function MainView({ route, empty, onError }: MainViewProps) {
  switch (route.view) {
    case 'dataset':
      return <DatasetView key={route.id} id={route.id} />;
    case 'run':
      return <RunView key={route.id} id={route.id} />;
    case 'mlflowRun':
      return <MlflowRunLink key={route.runId} runId={route.runId} />;
    case 'explorer':
      return <ExplorerView />;
    case 'automation':
      return <AutomationView />;
    case 'settings':
      return <SettingsView />;
    case 'compare':
      return <CompareView key={route.ids.join(',')} ids={route.ids} group={route.group ?? null} />;
    case 'model':
      return <ModelView key={route.name} route={route} />;
    case 'drift':
      return <DriftView route={route} />;
    case 'sweep':
      return <SweepView key={route.id} id={route.id} />;
    case 'home':
      return <WelcomeView empty={empty} onError={onError} />;
  }
}
