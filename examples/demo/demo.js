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
  seekbarHost: document.getElementById('seekbar-host'),
};

// The player's default ABR is the hybrid from @tessera/abr; DRM titles use the ClearKey licence
// server that `npm start` runs next to the demo.
const player = new Tessera.Player(video, {
  drm: Tessera.createDrmManager({ servers: { 'org.w3.clearkey': '/license/clearkey' } }),
});
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
player.on('loaded', (e) => setUpTrickPlay(e.presentation));
player.on('stats', (s) => {
  els.stats.textContent = [
    `state ${player.state}`,
    `video ${s.width || '-'}x${s.height || '-'}  bandwidth estimate ${s.bandwidthEstimateBps ? (s.bandwidthEstimateBps / 1e6).toFixed(2) + ' Mbps' : '-'}`,
    `buffer ahead ${s.bufferAheadSeconds.toFixed(1)} s  rebuffers ${s.rebufferCount} (${Math.round(s.rebufferTimeMs)} ms)  switches ${s.videoSwitches}`,
    `startup ${s.startupTimeMs !== undefined ? Math.round(s.startupTimeMs) + ' ms' : '-'}  downloaded ${(s.bytesDownloaded / 1e6).toFixed(1)} MB  dropped frames ${s.droppedFrames ?? '-'}`,
  ].join('\n');
});

// Seek bar with thumbnail previews (hover, or focus it and use left/right + OK on a remote),
// and I-frame fast-forward/rewind (FF/RW keys, or ] and [) in TV mode.
const seekbar = document.createElement('div');
seekbar.className = 'seekbar';
seekbar.tabIndex = 0;
seekbar.setAttribute('role', 'slider');
seekbar.setAttribute('aria-label', 'Seek');
const seekbarFill = document.createElement('div');
seekbarFill.className = 'seekbar-fill';
seekbar.append(seekbarFill);
els.seekbarHost.append(seekbar);
const preview = new Tessera.SeekBarPreview({
  bar: seekbar,
  duration: () => (isFinite(video.duration) ? video.duration : 0),
  currentTime: () => video.currentTime,
  onSeek: (time) => player.seek(time),
});
let trickPlay;
let thumbnailTrack;
video.addEventListener('timeupdate', () => {
  seekbarFill.style.width = `${video.duration > 0 ? (100 * video.currentTime) / video.duration : 0}%`;
  seekbar.setAttribute('aria-valuenow', String(Math.round(video.currentTime)));
  // Keep the sheets around the playhead ready while nobody is scrubbing.
  if (thumbnailTrack && preview.element.style.display === 'none') thumbnailTrack.preload(video.currentTime);
});

async function setUpTrickPlay(presentation) {
  thumbnailTrack?.destroy();
  trickPlay?.destroy();
  thumbnailTrack = undefined;
  trickPlay = undefined;
  preview.setTrack(undefined);
  try {
    thumbnailTrack = await Tessera.loadThumbnails({ presentation });
    preview.setTrack(thumbnailTrack);
    if (thumbnailTrack) log(`thumbnails: ${thumbnailTrack.format}, ${thumbnailTrack.cues.length} tiles`);
  } catch (error) {
    log(`thumbnails unavailable: ${error.message}`);
  }
  const fetcher = Tessera.networkFetcher(new Tessera.NetworkEngine({ clock: Tessera.systemClock }));
  const iFrames = await Tessera.loadIFrameTimes(presentation, fetcher).catch(() => []);
  trickPlay = new Tessera.TrickPlay(Tessera.trickPlayTarget(player), iFrames, {
    onChange: ({ rate, position }) => {
      if (rate) preview.showAt(position);
      else preview.hide();
      document.body.dataset.trickRate = String(rate);
    },
  });
}

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
  const trickKey = Tessera.trickPlayKey(event) || (event.key === ']' ? 'ff' : event.key === '[' ? 'rw' : undefined);
  if (trickPlay?.available && (trickKey === 'ff' || trickKey === 'rw')) {
    trickPlay.faster(trickKey === 'ff' ? 1 : -1);
    log(`trick play ${trickPlay.rate}×`);
    event.preventDefault();
    return;
  }
  if (trickPlay?.rate && trickKey === 'ok') {
    trickPlay.exit();
    event.preventDefault();
    return;
  }
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
