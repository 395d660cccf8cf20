import type { Stats } from 'node:fs';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PREVIEW_MAX_BYTES, type ArtifactPreview } from '../../../shared/api/artifactPreview.js';
import type * as Yaml from 'yaml';
import { lazyRequire } from '../lazyRequire.js';
import { readRange } from './fileRange.js';
import { claimedImage, imageName, sniffImage } from './imageBytes.js';
import { isModelFolder, modelPreview } from './modelFolder.js';
import { svgDanger } from './svgSafety.js';
import { csvPreview, parquetPreview } from './tablePreview.js';
import { looksBinary, textPage } from './textPage.js';

const yaml = lazyRequire<typeof Yaml>('yaml');

/** JSON and YAML files up to this size are parsed for a collapsible view; larger ones are paged as text. */
const STRUCTURED_MAX_BYTES = 8 * 1024 * 1024;

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const tooLarge = (what: string, size: number): ArtifactPreview => ({
  kind: 'unavailable',
  reason: `the ${what} is ${mb(size)}, more than the ${mb(PREVIEW_MAX_BYTES)} a preview shows: download it`,
});

/**
 * The preview of one artifact, already resolved inside the run's folder (`real`, symlinks
 * followed). The file's name picks the reader; its bytes must agree. Reads are bounded.
 */
export async function previewArtifact(
  path: string,
  real: string,
  stats: Stats,
  offset: number,
): Promise<ArtifactPreview> {
  if (stats.isDirectory()) {
    return isModelFolder(real)
      ? modelPreview(real, path)
      : { kind: 'unavailable', reason: 'a folder: open it to see its files' };
  }
  const name = path.split('/').pop() ?? path;
  if (name === 'MLmodel')
    return modelPreview(dirname(real), path.split('/').slice(0, -1).join('/'));
  const size = stats.size;
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  const head = readRange(real, 0, 16);

  const claimed = claimedImage(name);
  if (claimed) {
    const actual = sniffImage(head);
    if (actual !== claimed)
      return {
        kind: 'refused',
        reason: `${name} is not a ${imageName(claimed)} image: ${actual ? `its bytes are ${imageName(actual)}` : 'its bytes do not start with the signature'}`,
      };
    if (size > PREVIEW_MAX_BYTES) return tooLarge('image', size);
    return {
      kind: 'image',
      mime: actual,
      size,
      base64: readRange(real, 0, size).toString('base64'),
    };
  }
  if (ext === 'svg') {
    if (size > PREVIEW_MAX_BYTES) return tooLarge('SVG', size);
    const text = readRange(real, 0, size).toString('utf8');
    const danger = svgDanger(text);
    if (danger) return { kind: 'refused', reason: danger };
    return {
      kind: 'image',
      mime: 'image/svg+xml',
      size,
      base64: Buffer.from(text).toString('base64'),
    };
  }
  if (ext === 'html' || ext === 'htm') {
    if (size > PREVIEW_MAX_BYTES) return tooLarge('page', size);
    const html = readRange(real, 0, size).toString('utf8');
    return {
      kind: 'html',
      size,
      html,
      scripts_disabled: /<script[\s>/]|\son[a-z]+\s*=|javascript:/i.test(html),
    };
  }
  if (ext === 'csv' || ext === 'tsv') return csvPreview(real, size, ext);
  if (ext === 'parquet') {
    try {
      return await parquetPreview(real);
    } catch (e) {
      return {
        kind: 'refused',
        reason: `${name} is not a readable Parquet file: ${(e as Error).message}`,
      };
    }
  }
  if (ext === 'json' || ext === 'yaml' || ext === 'yml') {
    const format = ext === 'json' ? 'json' : 'yaml';
    if (size > STRUCTURED_MAX_BYTES)
      return textPage(real, size, offset, `${mb(size)} of ${format.toUpperCase()}: shown as text`);
    const text = readFileSync(real, 'utf8');
    try {
      const value: unknown = format === 'json' ? JSON.parse(text) : yaml().parse(text);
      return { kind: 'structured', format, size, value: value ?? null };
    } catch (e) {
      return textPage(
        real,
        size,
        offset,
        `not valid ${format.toUpperCase()} (${(e as Error).message.split('\n')[0]}): shown as text`,
      );
    }
  }
  const sniffed = sniffImage(head);
  if (sniffed)
    return size > PREVIEW_MAX_BYTES
      ? tooLarge('image', size)
      : { kind: 'image', mime: sniffed, size, base64: readRange(real, 0, size).toString('base64') };
  if (looksBinary(readRange(real, 0, 8192)))
    return { kind: 'unavailable', reason: `a binary file (${mb(size)}): download it` };
  return textPage(real, size, offset);
}
