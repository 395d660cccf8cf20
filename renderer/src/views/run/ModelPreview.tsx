import type { ArtifactPreview } from '../../../../shared/api/artifactPreview.js';

type Model = Extract<ArtifactPreview, { kind: 'model' }>;

/** An MLflow model folder: what MLmodel says (flavours, signature, fields) and what it needs to load. */
export function ModelPreview({ model }: { model: Model }) {
  return (
    <div className="artifact-model">
      <h3>MLflow model{model.path ? ` · ${model.path}` : ''}</h3>
      <dl className="artifact-model-fields">
        {Object.entries(model.fields).map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <h4>Flavours</h4>
      <ul className="artifact-flavors" aria-label="Flavours">
        {model.flavors.map((f) => (
          <li key={f.name}>
            <strong>{f.name}</strong>{' '}
            <span className="muted">
              {Object.entries(f.details)
                .map(([k, v]) => `${k} ${v}`)
                .join(' · ')}
            </span>
          </li>
        ))}
      </ul>
      <h4>Signature</h4>
      {model.signature ? (
        <table aria-label="Signature">
          <thead>
            <tr>
              <th scope="col">Side</th>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
            </tr>
          </thead>
          <tbody>
            {(['inputs', 'outputs'] as const).flatMap((side) =>
              model.signature![side].map((c, i) => (
                <tr key={`${side}-${i}`}>
                  <td>{side === 'inputs' ? 'input' : 'output'}</td>
                  <td>{c.name}</td>
                  <td>
                    <code>{c.type}</code>
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      ) : (
        <p className="muted">No signature was logged.</p>
      )}
      <h4>Requirements</h4>
      {model.requirements.length ? (
        <ul className="artifact-requirements" aria-label="Requirements">
          {model.requirements.map((r) => (
            <li key={r}>
              <code>{r}</code>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No requirements.txt.</p>
      )}
      {model.conda !== null && (
        <>
          <h4>conda.yaml</h4>
          <pre>{model.conda}</pre>
        </>
      )}
    </div>
  );
}
