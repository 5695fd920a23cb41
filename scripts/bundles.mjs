#!/usr/bin/env node
// Trunk post-build hook (Trunk.toml). In the staging directory it:
//  1. names every wasm bundle by its content: Trunk hashes the main bundle (home) itself; the
//     others are built like workers, unhashed, and are renamed here to <name>-<hash>.js and
//     <name>-<hash>_bg.wasm;
//  2. writes the manifest {name: {js, wasm}} and web/loader.js into index.html, in place of
//     <script id="sdp-loader"></script>;
//  3. in release builds, writes .gz and .br copies of the text and wasm files, for static hosts
//     that serve pre-compressed files (nginx gzip_static, brotli_static; Caddy precompressed).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('bundles: TRUNK_STAGING_DIR is not set (run through trunk)');
  process.exit(1);
}
const files = readdirSync(staging);
const manifest = {};
for (const wasm of files.filter(f => f.endsWith('_bg.wasm')).sort()) {
  const stem = wasm.slice(0, -'_bg.wasm'.length);
  const hashed = /^(.+)-([0-9a-f]{8,})$/.exec(stem);
  if (hashed && files.includes(`${stem}.js`)) {
    manifest[hashed[1]] = { js: `${stem}.js`, wasm };
    continue;
  }
  if (!files.includes(`${stem}.js`)) continue;
  const hash = createHash('sha256').update(readFileSync(join(staging, wasm))).digest('hex').slice(0, 16);
  const named = { js: `${stem}-${hash}.js`, wasm: `${stem}-${hash}_bg.wasm` };
  renameSync(join(staging, wasm), join(staging, named.wasm));
  renameSync(join(staging, `${stem}.js`), join(staging, named.js));
  manifest[stem] = named;
}
if (!manifest.home) {
  console.error(`bundles: no home bundle among ${Object.keys(manifest).join(', ') || 'no bundles'}`);
  process.exit(1);
}

const loader = readFileSync(join(root, 'web/loader.js'), 'utf8').replace(/<\//g, '<\\/');
const html = join(staging, 'index.html');
const page = readFileSync(html, 'utf8');
// The release build minifies the HTML first, which drops the quotes.
const placeholder = /<script id="?sdp-loader"?><\/script>/;
if (!placeholder.test(page)) {
  console.error('bundles: index.html has no <script id="sdp-loader"></script>');
  process.exit(1);
}
const json = JSON.stringify(manifest).replace(/</g, '\\u003c');
writeFileSync(html, page.replace(placeholder, () =>
  `<script id="sdp-bundles" type="application/json">${json}</script>\n<script type="module">\n${loader}</script>`));

if (process.env.TRUNK_PROFILE === 'release') {
  for (const f of readdirSync(staging)) {
    if (!/\.(wasm|js|css|html|json)$/.test(f)) continue;
    const data = readFileSync(join(staging, f));
    writeFileSync(join(staging, `${f}.gz`), gzipSync(data, { level: 9 }));
    writeFileSync(join(staging, `${f}.br`), brotliCompressSync(data, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
    }));
  }
}
