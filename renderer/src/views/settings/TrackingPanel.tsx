import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useConnection } from '../../data/connection.js';
import { messageOf } from '../../lib/messageOf.js';

const TOKEN_KEY = ['tracking.token'];
const SETTINGS_KEY = ['tracking.settings'];

/**
 * The two lines a script needs to log into Benchtop with MLflow's client. In the browser the
 * page's own server (`benchtop serve`) answers MLflow's API; in the desktop app a listener on
 * 127.0.0.1 does, at a port chosen here.
 */
export function TrackingPanel() {
  const { client, save } = useConnection();
  // Only the desktop app's preload bridge saves through a dialog; browser mode downloads instead.
  const desktop = save !== null;
  const token = useQuery({ queryKey: TOKEN_KEY, queryFn: () => client.call('tracking.token', {}) });
  const settings = useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: () => client.call('tracking.settings', {}),
    enabled: desktop,
  });
  const uri = desktop
    ? settings.data && `http://127.0.0.1:${settings.data.port}`
    : window.location.origin;
  const lines =
    uri && token.data
      ? `export MLFLOW_TRACKING_URI=${uri}\nexport MLFLOW_TRACKING_TOKEN=${token.data.token}`
      : null;
  const error = token.error ?? settings.error;

  return (
    <section className="panel" aria-labelledby="tracking-heading">
      <h2 id="tracking-heading">Log from your scripts</h2>
      <p className="form-note">
        Scripts that use MLflow&apos;s client (<code>mlflow.start_run</code>,{' '}
        <code>mlflow.log_metric</code>, …) log into Benchtop: set these two variables in the
        terminal you run them from, and their runs show up here as they train.
        {desktop && ' Benchtop listens for them on this machine only, while the app is open.'}
      </p>
      {error && (
        <p className="form-error" role="alert">
          {messageOf(error)}
        </p>
      )}
      {lines && <CopyableLines key={lines} text={lines} />}
      {desktop && settings.data && <PortForm port={settings.data.port} />}
      {desktop && settings.data && <NewToken />}
    </section>
  );
}

function CopyableLines({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="copy-command tracking-env">
      <pre data-testid="tracking-env" aria-label="Environment variables for your scripts">
        <code>{text}</code>
      </pre>
      <button type="button" className="button" onClick={() => void copy()}>
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}

function PortForm({ port }: { port: number }) {
  const { client } = useConnection();
  const queryClient = useQueryClient();
  const [value, setValue] = useState(String(port));
  const setPort = useMutation({
    mutationFn: (text: string) => {
      const next = /^\d{1,5}$/.test(text) ? Number(text) : 0;
      // The contract checks this too; checked here, the message reads without its prefix.
      if (next < 1024 || next > 65535) throw new Error('Use a port from 1024 to 65535.');
      return client.call('tracking.setPort', { port: next });
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(SETTINGS_KEY, saved);
      setValue(String(saved.port));
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setPort.mutate(value.trim());
  };
  const problem = setPort.isError ? messageOf(setPort.error) : null;
  return (
    <form className="tracking-port" onSubmit={submit} noValidate>
      <label htmlFor="tracking-port">Port</label>
      <input
        id="tracking-port"
        type="text"
        inputMode="numeric"
        autoComplete="off"
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setPort.reset();
        }}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? 'tracking-port-error' : undefined}
      />
      <button
        type="submit"
        className="button"
        disabled={setPort.isPending || value.trim() === String(port)}
      >
        Save
      </button>
      {problem && (
        <span className="field-error" id="tracking-port-error" role="alert">
          {problem}
        </span>
      )}
      {setPort.isSuccess && !problem && (
        <span className="tracking-saved" role="status">
          Saved.
        </span>
      )}
    </form>
  );
}

function NewToken() {
  const { client } = useConnection();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  // Focus follows the question: onto Cancel when it opens, back to the button when it closes.
  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
    else if (wasConfirming.current) openerRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);
  const rotate = useMutation({
    // The core announces the new token, and the desktop listener restarts with it.
    mutationFn: () => client.call('tracking.token', { rotate: true }),
    onSuccess: (fresh) => queryClient.setQueryData(TOKEN_KEY, fresh),
    onSettled: () => setConfirming(false),
  });
  const close = () => setConfirming(false);

  return (
    <div className="tracking-token">
      {!confirming && (
        <button
          ref={openerRef}
          type="button"
          className="button"
          onClick={() => {
            rotate.reset();
            setConfirming(true);
          }}
        >
          New token…
        </button>
      )}
      {confirming && (
        <div
          className="tracking-confirm"
          role="group"
          aria-labelledby="tracking-confirm-text"
          onKeyDown={(e) => {
            if (e.key === 'Escape') close();
          }}
        >
          <p id="tracking-confirm-text">
            Replace the token? Scripts that use the old one stop working until you give them the new
            one.
          </p>
          <div className="form-actions">
            <button
              type="button"
              className="button primary"
              disabled={rotate.isPending}
              onClick={() => rotate.mutate()}
            >
              Replace token
            </button>
            <button ref={cancelRef} type="button" className="button" onClick={close}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {rotate.isSuccess && !confirming && (
        <span className="tracking-saved" role="status">
          New token made; the lines above show it.
        </span>
      )}
      {rotate.isError && (
        <p className="form-error" role="alert">
          {messageOf(rotate.error)}
        </p>
      )}
    </div>
  );
}
