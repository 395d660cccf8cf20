import { SampleList } from './SampleList.js';

interface WelcomeViewProps {
  /** True when nothing is stored yet (first start); otherwise nothing is selected. */
  empty: boolean;
  onError: (message: string) => void;
}

/** The main area when nothing is selected: how to start, and the samples. */
export function WelcomeView({ empty, onError }: WelcomeViewProps) {
  return (
    <div className="view welcome">
      {empty ? (
        <>
          <h1>Welcome to Benchtop</h1>
          <p className="lead">
            Drop a CSV anywhere on this window, or choose one with <strong>Import data…</strong>.
            Everything stays on this machine.
          </p>
        </>
      ) : (
        <>
          <h1>Pick a dataset or a run</h1>
          <p className="lead">Choose one in the sidebar, or drop another CSV onto the window.</p>
        </>
      )}
      <section aria-labelledby="samples-heading" className="samples">
        <h2 id="samples-heading">Try with a sample</h2>
        <SampleList onError={onError} />
      </section>
    </div>
  );
}
