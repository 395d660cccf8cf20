import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { Run } from '../../../../shared/domain.js';
import { FormField } from '../../components/FormField.js';
import { useClient } from '../../data/connection.js';
import { useModels } from '../../data/registryQueries.js';
import { navigate } from '../../data/route.js';
import { messageOf } from '../../lib/messageOf.js';

/** Registers a finished run as the next version of a model, optionally as a child of a version. */
export function RegisterForm({ run, defaultName }: { run: Run; defaultName: string }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const models = useModels();
  const [name, setName] = useState(defaultName);
  const [parent, setParent] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>();
  const versions = models.data?.find((m) => m.name === name.trim())?.versions ?? [];
  const register = useMutation({
    mutationFn: () =>
      client.call('registry.register', {
        runId: run.id,
        name: name.trim(),
        note,
        ...(parent ? { parentId: Number(parent) } : {}),
      }),
    onSuccess: async (v) => {
      await queryClient.invalidateQueries({ queryKey: ['registry.models'] });
      navigate({ view: 'model', name: v.model, a: v.id, b: null });
    },
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!name.trim()) return setError('Give the model a name');
    setError(undefined);
    register.mutate();
  };
  return (
    <form className="train-form" noValidate onSubmit={submit}>
      <FormField id="register-name" label="Model name" error={error}>
        <input value={name} list="model-names" onChange={(e) => setName(e.currentTarget.value)} />
      </FormField>
      <datalist id="model-names">
        {models.data?.map((m) => (
          <option key={m.name} value={m.name} />
        ))}
      </datalist>
      <FormField id="register-parent" label="Parent version" error={undefined}>
        <select value={parent} onChange={(e) => setParent(e.currentTarget.value)}>
          <option value="">none (a new root)</option>
          {versions.map((v) => (
            <option key={v.id} value={v.id}>
              v{v.version}
              {v.aliases.length ? ` (${v.aliases.join(', ')})` : ''}
            </option>
          ))}
        </select>
      </FormField>
      <FormField id="register-note" label="Note" error={undefined}>
        <input value={note} onChange={(e) => setNote(e.currentTarget.value)} />
      </FormField>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={register.isPending}>
          Register
        </button>
        {register.isError && (
          <span className="form-error" role="alert">
            {messageOf(register.error)}
          </span>
        )}
      </div>
    </form>
  );
}
