import { TableBuilder } from '../tableBuilder.js';
import { decodeArrowInWorker } from './arrowInWorker.js';

/** An Arrow IPC file or stream (apache-arrow), decoded in a watched worker thread. */
export async function readArrow(bytes: Uint8Array, fileName: string): Promise<TableBuilder> {
  const table = await decodeArrowInWorker(bytes, fileName);
  const builder = new TableBuilder(table.names);
  table.columns.forEach((values, c) => {
    const col = builder.columns[c]!;
    for (const value of values) col.pushValue(value);
  });
  builder.rows = table.rows;
  return builder;
}
