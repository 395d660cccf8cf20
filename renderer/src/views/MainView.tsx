import type { Route } from '../data/route.js';
import { DatasetView } from './DatasetView.js';
import { RunView } from './RunView.js';
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
    case 'home':
      return <WelcomeView empty={empty} onError={onError} />;
  }
}
