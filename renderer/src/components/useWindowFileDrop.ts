import { useEffect, useEffectEvent, useState } from 'react';

const carriesFiles = (event: DragEvent): boolean =>
  event.dataTransfer?.types.includes('Files') ?? false;

/** Which dropped items are folders: known only while the drop event is being handled. */
const directoriesOf = (transfer: DataTransfer | null): boolean[] =>
  Array.from(transfer?.items ?? [])
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry()?.isDirectory ?? false);

/**
 * Listens for files dragged anywhere over the window. Always cancels the browser's default so a
 * dropped file never navigates the window away. Returns whether files are being dragged over it.
 * `directories[i]` says whether `files[i]` is a folder.
 */
export function useWindowFileDrop(
  onFiles: (files: File[], directories: boolean[]) => void,
): boolean {
  const [dragging, setDragging] = useState(false);
  const deliver = useEffectEvent(onFiles);

  useEffect(() => {
    // dragenter/dragleave fire for every element crossed; count them to know when the drag leaves.
    let depth = 0;
    const onEnter = (event: DragEvent): void => {
      event.preventDefault();
      if (!carriesFiles(event)) return;
      depth += 1;
      setDragging(true);
    };
    const onOver = (event: DragEvent): void => {
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = carriesFiles(event) ? 'copy' : 'none';
    };
    const onLeave = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDrop = (event: DragEvent): void => {
      event.preventDefault();
      depth = 0;
      setDragging(false);
      const files = Array.from(event.dataTransfer?.files ?? []);
      if (files.length > 0) deliver(files, directoriesOf(event.dataTransfer));
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, []);

  return dragging;
}
