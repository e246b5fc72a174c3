// Tessera demo: a catalog from `tessera sample`, played with the full ESM bundle.
// Works with a mouse or, in TV mode, with arrow keys / Enter / Back like a remote.
import * as Tessera from '/dist/tessera.full.js';

const CATALOG_URL = new URLSearchParams(location.search).get('catalog') || '/media/catalog.json';
const video = document.getElementById('video');
const els = {
  catalog: document.getElementById('catalog'),
  protocol: document.getElementById('protocol'),
  quality: document.getElementById('quality'),
  audio: document.getElementById('audio'),
  text: document.getElementById('text'),
  stats: document.getElementById('stats'),
  log: document.getElementById('log'),
  tvMode: document.getElementById('tv-mode'),
};

const player = new Tessera.Player(video, Tessera.createHybridAbr ? { abr: Tessera.createHybridAbr() } : {});
window.player = player; // handy in the console and for tests
let current;

function log(text) {
  const item = document.createElement('li');
  item.textContent = `${new Date().toISOString().slice(11, 23)} ${text}`;
  els.log.prepend(item);
  while (els.log.children.length > 50) els.log.lastChild.remove();
}

player.on('statechange', (e) => log(`state ${e.previous} → ${e.state}`));
player.on('representationchange', (e) => log(`${e.type} → ${e.representation.height ? e.representation.height + 'p ' : ''}${Math.round(e.representation.bandwidth / 1000)} kbps (${e.reason})`));
player.on('firstframe', (e) => log(`first frame after ${Math.round(e.timeSinceLoadMs)} ms at ${e.height}p`));
player.on('error', (e) => log(`error ${e.error.code} (${e.error.severity}) ${e.error.message}`));
player.on('trackschange', renderTracks);
player.on('loaded', renderTracks);
player.on('stats', (s) => {
  els.stats.textContent = [
    `state ${player.state}`,
    `video ${s.width || '-'}x${s.height || '-'}  bandwidth estimate ${s.bandwidthEstimateBps ? (s.bandwidthEstimateBps / 1e6).toFixed(2) + ' Mbps' : '-'}`,
    `buffer ahead ${s.bufferAheadSeconds.toFixed(1)} s  rebuffers ${s.rebufferCount} (${Math.round(s.rebufferTimeMs)} ms)  switches ${s.videoSwitches}`,
    `startup ${s.startupTimeMs !== undefined ? Math.round(s.startupTimeMs) + ' ms' : '-'}  downloaded ${(s.bytesDownloaded / 1e6).toFixed(1)} MB  dropped frames ${s.droppedFrames ?? '-'}`,
  ].join('\n');
});

function renderTracks() {
  const reps = player.getVideoRepresentations();
  const manual = player.getConfig && reps.find((r) => r.active);
  els.quality.innerHTML = '<option value="auto">Auto</option>' + reps.map((r) => `<option value="${r.id}">${r.height || '?'}p · ${Math.round(r.bandwidth / 1000)} kbps</option>`).join('');
  void manual;
  els.audio.innerHTML = player.getAudioTracks().map((t) => `<option value="${t.id}" ${t.active ? 'selected' : ''}>${t.label || t.language || t.id}</option>`).join('');
  els.text.innerHTML = '<option value="">Off</option>' + player.getTextTracks().map((t) => `<option value="${t.id}" ${t.active ? 'selected' : ''}>${t.label || t.language || t.id}</option>`).join('');
}

els.quality.addEventListener('change', () => player.selectVideoRepresentation(els.quality.value));
els.audio.addEventListener('change', () => player.selectAudioTrack(els.audio.value));
els.text.addEventListener('change', () => player.selectTextTrack(els.text.value || undefined));
els.protocol.addEventListener('change', () => current && play(current));
els.tvMode.addEventListener('change', () => document.body.classList.toggle('tv', els.tvMode.checked));

async function play(title) {
  current = title;
  for (const b of els.catalog.querySelectorAll('button')) b.classList.toggle('active', b.dataset.id === title.id);
  const base = new URL(CATALOG_URL, location.href);
  const manifest = els.protocol.value === 'hls' ? title.manifests.hls : title.manifests.dash;
  const url = new URL(manifest, base).href;
  log(`load ${url}`);
  try {
    await player.load(url);
  } catch (error) {
    if (error.code !== Tessera.ErrorCode.LOAD_INTERRUPTED) log(`load failed: ${error.message}`);
  }
}

async function main() {
  const response = await fetch(CATALOG_URL);
  if (!response.ok) {
    els.catalog.textContent = `No catalog at ${CATALOG_URL}. Run \`npm start\` (it packages the sample catalog first).`;
    return;
  }
  const catalog = await response.json();
  for (const title of catalog.titles) {
    const button = document.createElement('button');
    button.dataset.id = title.id;
    button.textContent = title.title || title.id;
    button.addEventListener('click', () => play(title));
    els.catalog.append(button);
  }
  const first = catalog.titles[0];
  if (first) play(first);
}

// Remote-style navigation: up/down through the catalog, Enter to play, left/right to seek.
document.addEventListener('keydown', (event) => {
  if (!els.tvMode.checked) return;
  const buttons = Array.from(els.catalog.querySelectorAll('button'));
  const index = buttons.indexOf(document.activeElement);
  if (event.key === 'ArrowDown') buttons[Math.min(buttons.length - 1, index + 1)]?.focus();
  else if (event.key === 'ArrowUp') buttons[Math.max(0, index - 1)]?.focus();
  else if (event.key === 'ArrowRight' && index < 0) player.seek(video.currentTime + 10);
  else if (event.key === 'ArrowLeft' && index < 0) player.seek(video.currentTime - 10);
  else return;
  event.preventDefault();
});

main().catch((error) => log(`demo failed: ${error.message}`));
