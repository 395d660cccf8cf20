import { UserError } from '../../userError.js';
import type { TableBuilder } from '../tableBuilder.js';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Adds one row; a value nested too deeply to turn into text (JSON.stringify overflows) is refused. */
function addRow(builder: TableBuilder, row: Record<string, unknown>, where: string): void {
  try {
    builder.addObject(row);
  } catch (e) {
    if (e instanceof RangeError) throw new UserError(`${where} nests values too deeply to store`);
    throw e;
  }
}

/** A JSON file holding an array of objects (one object per row). */
export function readJsonArray(text: string, fileName: string, builder: TableBuilder): void {
  if (text.trim() === '') throw new UserError(`${fileName} is empty`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UserError(`${fileName} is not valid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(data))
    throw new UserError(`${fileName} must hold an array of objects (one per row)`);
  data.forEach((row, i) => {
    if (!isRecord(row))
      throw new UserError(`${fileName}: item ${i + 1} of the array is not an object`);
    addRow(builder, row, `${fileName}: item ${i + 1}`);
  });
}

/** JSON Lines: one object per line, read as the text streams in. */
export class JsonLinesReader {
  private rest = '';
  private line = 0;
  constructor(
    private readonly fileName: string,
    private readonly builder: TableBuilder,
  ) {}

  push(text: string): void {
    const lines = (this.rest + text).split('\n');
    this.rest = lines.pop() ?? '';
    for (const l of lines) this.addLine(l);
  }

  end(): void {
    this.addLine(this.rest);
    this.rest = '';
  }

  private addLine(raw: string): void {
    this.line++;
    if (raw.trim() === '') return;
    let row: unknown;
    try {
      row = JSON.parse(raw);
    } catch {
      throw new UserError(`${this.fileName}: line ${this.line} is not valid JSON`);
    }
    if (!isRecord(row))
      throw new UserError(`${this.fileName}: line ${this.line} is not a JSON object`);
    addRow(this.builder, row, `${this.fileName}: line ${this.line}`);
  }
}
