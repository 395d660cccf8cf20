import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Dataset } from '../../../shared/domain.js';
import { messageOf } from '../lib/messageOf.js';
import { fileToBase64 } from './fileBytes.js';
import { useConnection } from './connection.js';
import { keys } from './queries.js';
import { useOpenDataset } from './useOpenDataset.js';

/**
 * Imports dropped or picked files: by path in the desktop app, else by uploading the text.
 * Opens the last imported dataset; a failure is reported through `onError` and stops the batch.
 */
export function useImportFiles(onError: (message: string) => void) {
  const { client, pathForFile } = useConnection();
  const openDataset = useOpenDataset();
  const queryClient = useQueryClient();

  const importOne = async (file: File): Promise<Dataset> => {
    const path = pathForFile?.(file);
    try {
      if (path) return await client.call('datasets.import', { path });
      return await client.call('datasets.upload', {
        fileName: file.name,
        base64: await fileToBase64(file),
      });
    } catch (error) {
      const message = messageOf(error);
      // The server usually names the file already; don't say it twice.
      const prefix = message.includes(file.name)
        ? 'Could not import'
        : `Could not import ${file.name}`;
      throw new Error(`${prefix}: ${message}`, { cause: error });
    }
  };

  const mutation = useMutation({
    mutationFn: async (files: readonly File[]) => {
      let last: Dataset | null = null;
      for (const file of files) last = await importOne(file);
      return last;
    },
    onSuccess: (dataset) => {
      if (dataset) openDataset(dataset);
    },
    onError: (error) => onError(messageOf(error)),
    // Earlier files of a failed batch did import: show them too.
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.datasets }),
  });

  return {
    importFiles: (files: readonly File[]): void => {
      if (files.length > 0) mutation.mutate(files);
    },
    /** The names being imported right now, or null. */
    importing: mutation.isPending ? mutation.variables.map((f) => f.name).join(', ') : null,
  };
}
