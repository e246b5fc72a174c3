// One small adapter per peer player so tests and benchmarks drive them the same way:
// load(url), heights() (available renditions), lock(height) (manual switch), errors[], destroy().
/* global shaka, Hls, dashjs */
window.peerAdapters = {
  shaka: async (video, url, options) => {
    shaka.polyfill.installAll();
    const player = new shaka.Player();
    await player.attach(video);
    const errors = [];
    player.addEventListener('error', (e) => errors.push(String(e.detail && e.detail.code)));
    if (options && options.configure) player.configure(options.configure);
    if (options && options.drm) player.configure({ drm: options.drm });
    await player.load(url);
    return {
      errors,
      heights: () => player.getVariantTracks().map((t) => t.height),
      lock: (height) => {
        player.configure({ abr: { enabled: false } });
        const track = player.getVariantTracks().find((t) => t.height === height);
        player.selectVariantTrack(track, true);
      },
      destroy: () => player.destroy(),
    };
  },
  hlsjs: async (video, url, options) => {
    const hls = new Hls(Object.assign({ enableWorker: false }, (options && options.config) || {}));
    const errors = [];
    hls.on(Hls.Events.ERROR, (_e, data) => { if (data.fatal) errors.push(data.details); });
    await new Promise((resolve, reject) => {
      hls.on(Hls.Events.MANIFEST_PARSED, resolve);
      hls.on(Hls.Events.ERROR, (_e, data) => data.fatal && reject(new Error(data.details)));
      hls.loadSource(url);
      hls.attachMedia(video);
    });
    return {
      errors,
      heights: () => hls.levels.map((l) => l.height),
      lock: (height) => { hls.currentLevel = hls.levels.findIndex((l) => l.height === height); },
      destroy: () => hls.destroy(),
    };
  },
  dashjs: async (video, url, options) => {
    const player = dashjs.MediaPlayer().create();
    const errors = [];
    player.on(dashjs.MediaPlayer.events.ERROR, (e) => errors.push(JSON.stringify(e.error && e.error.code)));
    if (options && options.settings) player.updateSettings(options.settings);
    if (options && options.protectionData) player.setProtectionData(options.protectionData);
    await new Promise((resolve) => {
      player.on(dashjs.MediaPlayer.events.STREAM_INITIALIZED, resolve);
      player.initialize(video, url, true);
    });
    return {
      errors,
      heights: () => player.getRepresentationsByType('video').map((r) => r.height),
      lock: (height) => {
        player.updateSettings({ streaming: { abr: { autoSwitchBitrate: { video: false } } } });
        const reps = player.getRepresentationsByType('video');
        const rep = reps.find((r) => r.height === height);
        player.setRepresentationForTypeById('video', rep.id, true);
      },
      destroy: () => player.destroy(),
    };
  },
};
