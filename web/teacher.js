// The teacher's tools of a lab page, in plain JavaScript so that no lab bundle carries them:
// the loader (web/loader.js) imports this module on the first click on an element with a
// data-sdp-tool attribute, which the lab page (crates/kit/web/src/files.rs) renders.
//
//   data-sdp-tool="download"  data-name, data-text: offers the text (the scenario file, written
//                             by the lab's Rust code) as a JSON download
//   data-sdp-tool="open"      an <input type=file>: reads the chosen file (at most data-max
//                             bytes and one more) and hands its text to the page's hidden
//                             input.sdp-opened, whose Rust handler checks it with the lab's
//                             own reader and opens it or says what is wrong
//   data-sdp-tool="picture"   data-format (png|svg), data-caption (lines), data-name: the
//                             step's drawing (every canvas and outermost SVG of .lab-stage,
//                             stacked under the caption) as a PNG, or as an SVG when the
//                             drawing is all SVG; problems go to the sibling [role=status]
const SVG_NS = 'http://www.w3.org/2000/svg';
// Style properties copied into a saved SVG: SVG drawings take them from the site's stylesheet.
const SVG_PROPERTIES = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity',
  'stroke-linecap', 'opacity', 'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor',
  'dominant-baseline', 'visibility', 'display'];
const MIN_SIDE = 40; // smaller SVGs are icons
const CAPTION_PX = 15;
const GAP = 12;

export async function run(el) {
  const status = el.parentElement?.querySelector('[role=status]');
  const say = text => { if (status) status.textContent = text; };
  try {
    switch (el.dataset.sdpTool) {
      case 'download': return download(el.dataset.name, new Blob([el.dataset.text], { type: 'application/json' }));
      case 'open': return await open(el);
      case 'picture': return say(el.dataset.format === 'svg' ? saveSvg(el.dataset) : await savePng(el.dataset));
    }
  } catch (error) {
    say(`Could not save: ${error && error.message ? error.message : error}`);
  }
}

function download(name, blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function open(input) {
  const file = input.files?.[0];
  if (!file) return;
  input.value = '';
  const max = Number(input.dataset.max);
  // One byte more than allowed is enough for the page to say the file is too large.
  const text = await file.slice(0, max + 1).text();
  const target = input.closest('.scenario-files')?.querySelector('input.sdp-opened');
  if (!target) return;
  target.value = text;
  target.dispatchEvent(new Event('input', { bubbles: true }));
}

/** The drawings of the stage with their size in CSS pixels. */
function drawings() {
  return [...document.querySelectorAll('.lab-stage canvas, .lab-stage svg')]
    .filter(el => !el.parentElement?.closest('svg'))
    .map(el => ({ el, rect: el.getBoundingClientRect() }))
    .filter(({ rect }) => rect.width >= MIN_SIDE && rect.height >= MIN_SIDE);
}

/** `svg` as standalone SVG text, its computed styles written in. */
function standalone(svg, width, height) {
  const copy = svg.cloneNode(true);
  const originals = svg.querySelectorAll('*');
  const copies = copy.querySelectorAll('*');
  originals.forEach((o, i) => {
    const style = getComputedStyle(o);
    copies[i].setAttribute('style', SVG_PROPERTIES.map(p => `${p}:${style.getPropertyValue(p)}`).join(';'));
  });
  copy.setAttribute('xmlns', SVG_NS);
  copy.setAttribute('width', width);
  copy.setAttribute('height', height);
  copy.setAttribute('font-family', getComputedStyle(svg).fontFamily);
  return new XMLSerializer().serializeToString(copy);
}

function colours() {
  const style = getComputedStyle(document.body);
  return { fg: style.color, bg: style.backgroundColor };
}

function wrap(ctx, text, width) {
  const lines = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (!line || ctx.measureText(candidate).width <= width) line = candidate;
    else { lines.push(line); line = word; }
  }
  if (line) lines.push(line);
  return lines;
}

async function savePng({ caption, name }) {
  const drawn = drawings();
  const width = Math.max(640, ...drawn.map(d => d.rect.width));
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  const font = `${CAPTION_PX}px system-ui, sans-serif`;
  ctx.font = font;
  const lines = caption.split('\n').flatMap(c => wrap(ctx, c, width - 2 * GAP));
  const captionHeight = GAP + lines.length * CAPTION_PX * 1.4;
  const height = captionHeight + drawn.reduce((h, d) => h + d.rect.height + GAP, 0) + GAP;
  const dpr = Math.min(2, Math.max(1, devicePixelRatio || 1));
  canvas.width = Math.ceil(width * dpr);
  canvas.height = Math.ceil(height * dpr);
  ctx.scale(dpr, dpr);
  const { fg, bg } = colours();
  ctx.fillStyle = bg;
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = fg;
  ctx.font = font;
  lines.forEach((line, i) => ctx.fillText(line, GAP, GAP + (i + 0.8) * CAPTION_PX * 1.4));
  let y = captionHeight + GAP;
  for (const { el, rect } of drawn) {
    const x = (width - rect.width) / 2;
    if (el instanceof HTMLCanvasElement) {
      ctx.drawImage(el, x, y, rect.width, rect.height);
    } else {
      const img = new Image();
      img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(standalone(el, rect.width, rect.height))}`;
      await img.decode();
      ctx.drawImage(img, x, y, rect.width, rect.height);
    }
    y += rect.height + GAP;
  }
  const blob = await new Promise(resolve => canvas.toBlob(resolve, 'image/png'));
  if (!blob) return 'The browser refused to export the picture.';
  download(`${name}.png`, blob);
  return drawn.length ? '' : 'This step has no drawing: the picture holds the caption only.';
}

function escapeXml(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function saveSvg({ caption, name }) {
  const drawn = drawings();
  if (!drawn.length) return 'This step has no drawing to save.';
  if (drawn.some(d => d.el instanceof HTMLCanvasElement)) return "This step's drawing is not all SVG: save it as PNG.";
  const width = Math.max(640, ...drawn.map(d => d.rect.width));
  const { fg, bg } = colours();
  let y = GAP;
  let body = '';
  for (const line of caption.split('\n')) {
    y += CAPTION_PX * 1.4;
    body += `<text x="${GAP}" y="${y}" fill="${fg}" font-size="${CAPTION_PX}" font-family="system-ui, sans-serif">${escapeXml(line)}</text>`;
  }
  y += GAP;
  for (const { el, rect } of drawn) {
    body += `<g transform="translate(${(width - rect.width) / 2} ${y})">${standalone(el, rect.width, rect.height)}</g>`;
    y += rect.height + GAP;
  }
  const text = `<svg xmlns="${SVG_NS}" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}"><rect width="100%" height="100%" fill="${bg}"/>${body}</svg>`;
  download(`${name}.svg`, new Blob([text], { type: 'image/svg+xml' }));
  return '';
}
