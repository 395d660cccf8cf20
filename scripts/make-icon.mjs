// Draws Benchtop's icon — a bar chart on a blue rounded square — as build/icon.png (512×512 RGBA,
// encoded here with node:zlib, no image library) and build/icon.svg. electron-builder makes the
// .icns and .ico from the PNG. Run: node scripts/make-icon.mjs (the outputs are committed).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const SUPERSAMPLE = 4;
const out = join(import.meta.dirname, '..', 'build');

/** Shapes in a 512-unit square, drawn in order; later ones cover earlier ones. */
const roundedRect = (x, y, w, h, r) => (px, py) => {
  const cx = Math.min(Math.max(px, x + r), x + w - r);
  const cy = Math.min(Math.max(py, y + r), y + h - r);
  return (
    px >= x && px <= x + w && py >= y && py <= y + h && (px - cx) ** 2 + (py - cy) ** 2 <= r * r
  );
};
const circle = (x, y, r) => (px, py) => (px - x) ** 2 + (py - y) ** 2 <= r * r;
const BARS = [
  [136, 300, 64, 116],
  [224, 232, 64, 184],
  [312, 168, 64, 248],
];
const BACKGROUND = {
  shape: roundedRect(32, 32, 448, 448, 96),
  top: [37, 99, 235],
  bottom: [29, 78, 216],
};
const shapes = [
  ...BARS.map(([x, y, w, h]) => ({ shape: roundedRect(x, y, w, h, 12), colour: [255, 255, 255] })),
  { shape: circle(376, 120, 28), colour: [251, 146, 60] },
];

function pixel(px, py) {
  let coverage = 0;
  const sum = [0, 0, 0];
  for (let sy = 0; sy < SUPERSAMPLE; sy++) {
    for (let sx = 0; sx < SUPERSAMPLE; sx++) {
      const x = px + (sx + 0.5) / SUPERSAMPLE;
      const y = py + (sy + 0.5) / SUPERSAMPLE;
      if (!BACKGROUND.shape(x, y)) continue;
      coverage++;
      const t = y / SIZE;
      let colour = BACKGROUND.top.map((c, i) => c + (BACKGROUND.bottom[i] - c) * t);
      for (const { shape, colour: c } of shapes) if (shape(x, y)) colour = c;
      colour.forEach((c, i) => (sum[i] += c));
    }
  }
  if (coverage === 0) return [0, 0, 0, 0];
  return [
    ...sum.map((c) => Math.round(c / coverage)),
    Math.round((255 * coverage) / SUPERSAMPLE ** 2),
  ];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function encodePng(width, height, rgba) {
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const rgba = Buffer.alloc(SIZE * SIZE * 4);
for (let y = 0; y < SIZE; y++)
  for (let x = 0; x < SIZE; x++) rgba.set(pixel(x, y), (y * SIZE + x) * 4);
writeFileSync(join(out, 'icon.png'), encodePng(SIZE, SIZE, rgba));

const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}" width="${SIZE}" height="${SIZE}">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="rgb(${BACKGROUND.top})"/>
      <stop offset="1" stop-color="rgb(${BACKGROUND.bottom})"/>
    </linearGradient>
  </defs>
  <rect x="32" y="32" width="448" height="448" rx="96" fill="url(#bg)"/>
${BARS.map(([x, y, w, h]) => `  <rect x="${x}" y="${y}" width="${w}" height="${h}" rx="12" fill="#ffffff"/>`).join('\n')}
  <circle cx="376" cy="120" r="28" fill="#fb923c"/>
</svg>
`;
writeFileSync(join(out, 'icon.svg'), svg);
console.log(`wrote ${join(out, 'icon.png')} and icon.svg`);
