// The loader: picks the one wasm bundle the route needs, downloads it once, and mounts its app
// into #app; on a hash change to a route of another bundle it unmounts the current app and
// mounts the other. Inlined into index.html by scripts/bundles.mjs, after the manifest
// script #sdp-bundles (JSON: {"home": {"js": …}, "lab-hash-ring": {"js": …, "wasm": …}, …}).
//
//   #/lab/<id>…     → bundle lab-<id> (home, which says the lab does not exist, if there is none),
//                     or lab-<id>--<name> for a mode of a split lab (its manifest entry has
//                     {lab, modes}); the page moves here itself when the mode changes
//   #/design/<id>…  → bundle designs
//   anything else   → home (home, #/labs, #/designs, not found: web/home.js, a script, no wasm)
//
// A bundle exports mount(element) → { unmount() } (crates/kit/web/src/bundle.rs, web/home.js).
// The current bundle's exports are window.sdpBundle (the benchmarks call theirs).
const manifest = JSON.parse(document.getElementById('sdp-bundles').textContent);
const root = document.getElementById('app');
const modules = new Map();
let current = null;
let wanted = 0;

function bundleFor(hash) {
  const [path, query = ''] = hash.replace(/^#/, '').split('?');
  const [kind, id, ...rest] = path.split('/').filter(Boolean);
  if (kind === 'lab' && id && rest.length === 0 && manifest['lab-' + id] && !manifest['lab-' + id].lab) {
    const mode = new URLSearchParams(query).get('mode');
    const split = Object.keys(manifest).find(name => manifest[name].lab === id && manifest[name].modes.includes(mode));
    return split ?? 'lab-' + id;
  }
  if (kind === 'design' && id && rest.length === 0) return 'designs';
  return 'home';
}

function load(name) {
  if (!modules.has(name)) {
    const entry = manifest[name];
    const promise = import(new URL(entry.js, document.baseURI).href).then(async module => {
      if (entry.wasm) await module.default({ module_or_path: new URL(entry.wasm, document.baseURI).href });
      return module;
    });
    promise.catch(() => modules.delete(name));
    modules.set(name, promise);
  }
  return modules.get(name);
}

function message(text, retry) {
  const box = document.createElement('section');
  box.className = 'page load-status';
  const p = document.createElement('p');
  p.textContent = text;
  box.append(p);
  if (retry) {
    box.setAttribute('role', 'alert');
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Retry';
    button.addEventListener('click', retry);
    box.append(button);
  }
  root.replaceChildren(box);
}

async function show() {
  const name = bundleFor(location.hash);
  if (current && current.name === name) return;
  const ticket = ++wanted;
  if (current) {
    current.app?.unmount();
    current = null;
  }
  root.replaceChildren();
  const slow = setTimeout(() => { if (ticket === wanted) message('Loading…'); }, 300);
  let module;
  try {
    module = await load(name);
  } catch (error) {
    clearTimeout(slow);
    if (ticket === wanted) {
      message(`This page could not be downloaded (${error && error.message ? error.message : error}). ` +
        'Check the connection and try again.', () => show());
    }
    return;
  }
  clearTimeout(slow);
  if (ticket !== wanted) return;
  root.replaceChildren();
  current = { name, app: module.mount(root) };
  window.sdpBundle = module;
}

// Offline use (release builds): the service worker precaches the site after the first page is
// up. A newer deployment installs beside it and waits; this offers to reload into it.
async function offline() {
  if (!('serviceWorker' in navigator)) return;
  if (!manifest.sw) {
    // A development build (scripts/serve.sh) has none: drop one a release build left here.
    for (const old of await navigator.serviceWorker.getRegistrations()) old.unregister();
    return;
  }
  let registration;
  try {
    registration = await navigator.serviceWorker.register(new URL(manifest.sw, document.baseURI).href);
  } catch {
    return; // not allowed here (a private window, an insecure origin): the site works online
  }
  if (!registration) return; // blocked (some embedding contexts, test browsers)
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (reloading) location.reload();
  });
  const offer = worker => {
    if (document.querySelector('.update-prompt')) return;
    const box = document.createElement('div');
    box.className = 'update-prompt';
    box.setAttribute('role', 'status');
    box.textContent = 'A new version of the site is ready. ';
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Reload';
    button.addEventListener('click', () => {
      reloading = true;
      worker.postMessage({ type: 'sdp:skip-waiting' });
    });
    box.append(button);
    document.body.append(box);
  };
  if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const worker = registration.installing;
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed' && navigator.serviceWorker.controller) offer(worker);
    });
  });
}

// The teacher's tools on a lab page (web/teacher.js, imported on first use): buttons and a
// file input marked data-sdp-tool.
function tool(el) {
  import(new URL(manifest.teacher.js, document.baseURI).href).then(m => m.run(el)).catch(error => {
    const status = el.parentElement?.querySelector('[role=status]');
    if (status) status.textContent = `This tool could not be downloaded (${error && error.message ? error.message : error}).`;
  });
}
document.addEventListener('click', e => {
  const el = e.target instanceof Element ? e.target.closest('button[data-sdp-tool]') : null;
  if (el) tool(el);
});
document.addEventListener('change', e => {
  if (e.target instanceof HTMLInputElement && e.target.dataset.sdpTool === 'open') tool(e.target);
});

addEventListener('hashchange', show);
show().then(offline);
