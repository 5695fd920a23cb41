#!/usr/bin/env node
// Builds static/data/coastline.json, the coastline under the geohash lab's world map, from
// Natural Earth 110 m land in the npm package world-atlas (TopoJSON). No other packages: the
// quantized, delta-encoded TopoJSON arcs are decoded here.
//
// Output: {"source", "license", "unit", "rings"}: every ring is one flat array of integers
// [x0, y0, dx1, dy1, dx2, dy2, …] in `unit` degrees (x = longitude, y = latitude), the first
// point absolute and the rest as differences from the previous point; rings are rounded to
// `unit`, consecutive duplicates dropped, and holes (the Caspian Sea) are separate rings, so
// fill with the even-odd rule.
//
// Skips the work when the output is newer than both the input and this script.
//   node crates/labs/geohash/coastline.mjs            build if stale
//   node crates/labs/geohash/coastline.mjs --force    always build
import { readFileSync, writeFileSync, statSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const input = join(root, 'node_modules/world-atlas/land-110m.json');
const output = join(root, 'static/data/coastline.json');
const UNIT = 0.05; // degrees; the 110 m data is accurate to about 0.1°
const force = process.argv.includes('--force');

function mtime(path) {
  return existsSync(path) ? statSync(path).mtimeMs : -Infinity;
}

if (!existsSync(input)) {
  console.error(`coastline: ${input} is missing; run npm ci (the world-atlas package)`);
  process.exit(1);
}
const newest = Math.max(mtime(input), mtime(fileURLToPath(import.meta.url)));
if (!force && mtime(output) > newest) {
  console.log(`coastline: ${output} is up to date (${statSync(output).size} bytes)`);
  process.exit(0);
}

const topo = JSON.parse(readFileSync(input, 'utf8'));
if (topo.type !== 'Topology' || !topo.transform || !Array.isArray(topo.arcs)) {
  console.error('coastline: the input is not a quantized TopoJSON topology');
  process.exit(1);
}
const [sx, sy] = topo.transform.scale;
const [tx, ty] = topo.transform.translate;

// Each arc: quantized positions, delta-encoded; undo the deltas, then the transform.
const arcs = topo.arcs.map(arc => {
  let x = 0;
  let y = 0;
  return arc.map(([dx, dy]) => {
    x += dx;
    y += dy;
    return [x * sx + tx, y * sy + ty];
  });
});

// Arc index i, or ~i for arc i reversed.
function arcPoints(i) {
  return i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
}

// A ring is a list of arcs; consecutive arcs share their end point.
function ring(indexes) {
  const out = [];
  for (const i of indexes) {
    const pts = arcPoints(i);
    out.push(...(out.length ? pts.slice(1) : pts));
  }
  return out;
}

const rings = [];
function addPolygon(polygon) {
  for (const r of polygon) rings.push(ring(r));
}
for (const g of topo.objects.land.geometries) {
  if (g.type === 'Polygon') addPolygon(g.arcs);
  else if (g.type === 'MultiPolygon') g.arcs.forEach(addPolygon);
}

// Round to UNIT, drop repeats, delta-encode; keep rings with at least 3 distinct points.
const encoded = [];
let points = 0;
for (const r of rings) {
  const q = [];
  for (const [lng, lat] of r) {
    const x = Math.round(lng / UNIT);
    const y = Math.round(lat / UNIT);
    const last = q[q.length - 1];
    if (!last || last[0] !== x || last[1] !== y) q.push([x, y]);
  }
  while (q.length > 1 && q[0][0] === q[q.length - 1][0] && q[0][1] === q[q.length - 1][1]) q.pop();
  if (q.length < 3) continue;
  const flat = [q[0][0], q[0][1]];
  for (let k = 1; k < q.length; k++) flat.push(q[k][0] - q[k - 1][0], q[k][1] - q[k - 1][1]);
  encoded.push(flat);
  points += q.length;
}

const json = JSON.stringify({
  source: 'Natural Earth 110 m land (public domain), via world-atlas 2.0.2',
  license: 'public domain (Natural Earth); world-atlas ISC',
  unit: UNIT,
  rings: encoded,
});
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, json + '\n');
console.log(`coastline: wrote ${output}: ${encoded.length} rings, ${points} points, ${json.length + 1} bytes`);
