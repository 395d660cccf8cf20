/**
 * Why an SVG is not shown, or null when it is plain drawing. No SVG sanitiser is among the
 * project's dependencies, so an SVG that could run code or fetch anything is refused, not
 * rewritten: scripts, event handlers, foreignObject, embedded documents, entity declarations,
 * and links or `url()`/`@import` references to anything but the file's own `#fragments` or
 * inline `data:image/…`. (The preview also draws SVG through `<img>`, where none of these run.)
 */
export function svgDanger(text: string): string | null {
  if (/<script[\s>/]/i.test(text)) return 'the SVG has a <script> element';
  const handler = /<[^>]*?\s(on[a-z]+)\s*=/i.exec(text);
  if (handler) return `the SVG has an event handler (${handler[1]!.toLowerCase()})`;
  if (/<foreignObject[\s>/]/i.test(text)) return 'the SVG has a <foreignObject> element';
  const embedded = /<(iframe|embed|object|handler|listener)[\s>/]/i.exec(text);
  if (embedded) return `the SVG has an <${embedded[1]!.toLowerCase()}> element`;
  if (/<!ENTITY/i.test(text)) return 'the SVG declares XML entities';
  if (/javascript:/i.test(text)) return 'the SVG has a javascript: link';
  for (const m of text.matchAll(/(?:^|[\s"'])(?:xlink:)?href\s*=\s*(["'])(.*?)\1/gis)) {
    if (!isLocal(m[2]!)) return `the SVG links to ${shorten(m[2]!)}`;
  }
  for (const m of text.matchAll(/url\(\s*(["']?)(.*?)\1\s*\)/gis)) {
    if (!isLocal(m[2]!)) return `the SVG refers to ${shorten(m[2]!)}`;
  }
  if (/@import/i.test(text)) return 'the SVG imports a style sheet';
  return null;
}

const isLocal = (ref: string): boolean =>
  ref.trim().startsWith('#') || /^data:image\/(png|jpeg|gif|webp);/i.test(ref.trim());

const shorten = (ref: string): string =>
  JSON.stringify(ref.length > 60 ? `${ref.slice(0, 57)}...` : ref);
