#!/usr/bin/env node
// Trunk post-build hook (Trunk.toml). In the staging directory it:
//  1. names every wasm bundle by its content: they are built like workers, unhashed, and are
//     renamed here to <name>-<hash>.js (its comments and indentation dropped) and
//     <name>-<hash>_bg.wasm;
//  2. writes the `home` module, home-<hash>.js: web/home.js with the data of
//     web/home-data.json in place of its marker (home, indexes and not-found page; no wasm),
//     and the `teacher` module, teacher-<hash>.js (web/teacher.js: scenario files, pictures);
//  3. writes the manifest {name: {js, wasm?, lab?, modes?}} and web/loader.js into index.html
//     (lab and modes: a mode bundle of a split lab, from web/home-data.json), in place of
//     <script id="sdp-loader"></script>;
//  4. in release builds, writes the service worker sw.js (web/sw.js with the list of every file)
//     and .gz and .br copies of the text and wasm files, for static hosts
//     that serve pre-compressed files (nginx gzip_static, brotli_static; Caddy precompressed).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('bundles: TRUNK_STAGING_DIR is not set (run through trunk)');
  process.exit(1);
}
// Trunk's one "main" link (index.html) is an empty program that nothing loads.
for (const f of readdirSync(staging)) if (/^trunk-main(-[0-9a-f]+)?(_bg\.wasm|\.js)$/.test(f)) unlinkSync(join(staging, f));
const files = readdirSync(staging);
const manifest = {};

// The wasm-bindgen glue without its comments and indentation (about 1 KB gzipped off every
// bundle). Indentation is kept if a template literal spans lines, where it would be content.
function compact(js) {
  const bare = js.replace(/^[ \t]*\/\*\*[\s\S]*?\*\/[ \t]*\n/gm, '').replace(/^[ \t]*\/\/[^\n]*\n/gm, '');
  const multiline = bare.split('\n').some(line => (line.match(/`/g) ?? []).length % 2 === 1);
  return multiline ? bare : bare.replace(/^[ \t]+/gm, '');
}
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
  writeFileSync(join(staging, named.js), compact(readFileSync(join(staging, `${stem}.js`), 'utf8')));
  unlinkSync(join(staging, `${stem}.js`));
  manifest[stem] = named;
}
const homeData = JSON.parse(readFileSync(join(root, 'web/home-data.json'), 'utf8'));
// A lab split by mode: its extra bundles say which lab and modes they draw (the loader reads it).
for (const [name, { lab, modes }] of Object.entries(homeData.modeBundles ?? {})) {
  if (manifest[name]) Object.assign(manifest[name], { lab, modes });
}
const data = JSON.stringify(homeData);
const homeSource = readFileSync(join(root, 'web/home.js'), 'utf8');
const marker = '/*SDP_HOME_DATA*/ null';
if (!homeSource.includes(marker)) {
  console.error(`bundles: web/home.js has no ${marker}`);
  process.exit(1);
}
const home = homeSource.replace(marker, () => data);
const homeName = `home-${createHash('sha256').update(home).digest('hex').slice(0, 16)}.js`;
writeFileSync(join(staging, homeName), home);
manifest.home = { js: homeName };

// The teacher's tools (scenario download and open, pictures): plain JS that the loader imports
// on the first use, so no lab bundle carries them.
const teacher = readFileSync(join(root, 'web/teacher.js'), 'utf8');
const teacherName = `teacher-${createHash('sha256').update(teacher).digest('hex').slice(0, 16)}.js`;
writeFileSync(join(staging, teacherName), teacher);
manifest.teacher = { js: teacherName };

const loader = readFileSync(join(root, 'web/loader.js'), 'utf8').replace(/<\//g, '<\\/');
const html = join(staging, 'index.html');
const page = readFileSync(html, 'utf8');
// The release build minifies the HTML first, which drops the quotes.
const placeholder = /<script id="?sdp-loader"?><\/script>/;
if (!placeholder.test(page)) {
  console.error('bundles: index.html has no <script id="sdp-loader"></script>');
  process.exit(1);
}
if (process.env.TRUNK_PROFILE === 'release') manifest.sw = 'sw.js';
const json = JSON.stringify(manifest).replace(/</g, '\\u003c');
writeFileSync(html, page.replace(placeholder, () =>
  `<script id="sdp-bundles" type="application/json">${json}</script>\n<script type="module">\n${loader}</script>`));

// Headers for self-hosters (docs/embedding.md "Hosting the site yourself"): the Content Security
// Policy with the inline loader allowed by its hash, in the `_headers` form several static hosts
// read, and as plain text (csp.txt) for any other server.
const loaderHash = createHash('sha256').update(`\n${loader}`).digest('base64');
const csp = ["default-src 'self'", `script-src 'self' 'wasm-unsafe-eval' 'sha256-${loaderHash}'`,
  "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:", "connect-src 'self'",
  "worker-src 'self'", "base-uri 'self'", "form-action 'none'", 'frame-ancestors *'].join('; ');
writeFileSync(join(staging, 'csp.txt'), `${csp}\n`);
writeFileSync(join(staging, '_headers'),
  `/*\n  Content-Security-Policy: ${csp}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n`);

// Static oEmbed discovery (index.html links it): the site as one rich embed. Its URLs are
// absolute only when the build knows where the site will live (SDP_SITE_URL, e.g.
// https://example.edu/sdp/; scripts/build.sh --site-url), else relative to the site.
const site = process.env.SDP_SITE_URL ?? '';
writeFileSync(join(staging, 'oembed.json'), `${JSON.stringify({
  version: '1.0', type: 'rich', provider_name: 'System Design Playground', provider_url: site || './',
  title: 'System Design Playground: labs', width: 960, height: 720,
  html: `<iframe src="${site}#/labs?embed=1" title="System Design Playground" width="960" height="720" style="border:0" loading="lazy"></iframe>`,
}, null, 2)}\n`);

// Release builds: the service worker (web/sw.js) with the list of every file to precache, so
// that after a first visit the site works offline. Not in development builds (scripts/serve.sh),
// where a cache would hide live rebuilds.
if (process.env.TRUNK_PROFILE === 'release') {
  const all = [];
  const walk = dir => {
    for (const entry of readdirSync(join(staging, dir), { withFileTypes: true })) {
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else if (!/\.(gz|br)$/.test(path) && path !== 'sw.js' && path !== '_headers') all.push(path);
    }
  };
  walk('');
  all.sort();
  const version = createHash('sha256');
  for (const f of all) version.update(f).update(readFileSync(join(staging, f)));
  const sw = readFileSync(join(root, 'web/sw.js'), 'utf8')
    .replace('/*SDP_PRECACHE*/ []', () => JSON.stringify(all))
    .replace("/*SDP_VERSION*/ 'dev'", () => JSON.stringify(version.digest('hex').slice(0, 16)));
  writeFileSync(join(staging, 'sw.js'), sw);
}

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
