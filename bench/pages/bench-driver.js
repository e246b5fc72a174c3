// The in-page half of the side-by-side benchmarks (bench/startup-seek, bench/abr).
// One page per session, one player per page (?player=tessera|shaka|hlsjs|dashjs): only that
// player's script is loaded, so no player's polyfills or globals touch another's run.
// It drives the player through one tiny adapter each, and records the same things for all of
// them, without asking the player: every rendered frame (requestVideoFrameCallback) and a
// 100 ms sample of the <video> state. Times are epoch ms (performance.timeOrigin + now()) so the
// node side can line them up with the server's request log.
/* global shaka, Hls, dashjs */
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var playerName = params.get('player');
  var video = document.getElementById('video');
  var MAX_FRAMES = 20000;
  var SAMPLE_INTERVAL_MS = 100;

  function epoch() {
    return performance.timeOrigin + performance.now();
  }

  var log = {
    player: playerName,
    t0: null,
    loadSettledAt: null,
    // [epochMs, mediaTime, height] per rendered frame
    frames: [],
    // [epochMs, currentTime, paused, seeking, ended, readyState, bufferedEnd, playbackRate]
    samples: [],
    errors: [],
    seek: null,
  };

  function recordError(fatal, message) {
    log.errors.push({ at: epoch(), fatal: Boolean(fatal), message: String(message).slice(0, 500) });
  }
  window.addEventListener('error', function (e) { recordError(false, 'page error: ' + e.message); });
  window.addEventListener('unhandledrejection', function (e) {
    var reason = e.reason;
    recordError(false, 'unhandled rejection: ' + ((reason && (reason.message || reason.code)) || reason));
  });

  function describe(error) {
    if (!error) return 'unknown error';
    if (error.code !== undefined && error.message) return error.code + ': ' + error.message;
    return error.message || error.code || String(error);
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error('cannot load ' + src)); };
      document.head.appendChild(script);
    });
  }

  var loaders = {
    tessera: function () {
      // The runner passes a copy of dist/tessera.full.js (a rebuild mid-run must not change it).
      var bundle = params.get('bundle') || '/dist/tessera.full.js';
      if (bundle.charAt(0) !== '/') bundle = '/dist/tessera.full.js';
      return import(bundle).then(function (module) { window.Tessera = module; });
    },
    shaka: function () { return loadScript('/node_modules/shaka-player/dist/shaka-player.compiled.js'); },
    hlsjs: function () { return loadScript('/node_modules/hls.js/dist/hls.min.js'); },
    dashjs: function () { return loadScript('/node_modules/dashjs/dist/modern/umd/dash.all.min.js'); },
  };

  // Each adapter: create the player object (untimed), then begin(url) = the timed call(s) that
  // hand it the <video> and the URL; seek(t) through the player's own API where it has one.
  var adapters = {
    tessera: function (options) {
      var T = window.Tessera;
      var config = { autoplay: true };
      var abrName = 'core default (Player without an abr option)';
      if (options.tesseraAbr === 'hybrid') {
        if (typeof T.createHybridAbr === 'function') {
          config.abr = T.createHybridAbr();
          abrName = '@tessera/abr createHybridAbr()' + (config.abr && config.abr.name ? ' [' + config.abr.name + ']' : '');
        } else {
          abrName = 'core default (createHybridAbr is not exported by dist/tessera.full.js)';
        }
      }
      var player;
      return {
        abrName: abrName,
        version: 'workspace',
        begin: function (url) {
          player = new T.Player(video, config);
          window.player = player;
          player.on('error', function (e) {
            recordError(e.error && e.error.severity === 'fatal', describe(e.error));
          });
          return player.load(url);
        },
        seek: function (t) { player.seek(t); },
        destroy: function () { return player && player.destroy(); },
      };
    },
    shaka: function () {
      shaka.polyfill.installAll();
      var player = new shaka.Player();
      window.player = player;
      player.addEventListener('error', function (e) {
        var d = e.detail || {};
        recordError(d.severity === 2, 'shaka error ' + d.code + ' (category ' + d.category + ')');
      });
      return {
        abrName: 'default (SimpleAbrManager)',
        version: shaka.Player.version,
        begin: function (url) {
          return player.attach(video).then(function () { return player.load(url); });
        },
        // shaka's documented way to seek is the media element.
        seek: function (t) { video.currentTime = t; },
        destroy: function () { return player.destroy(); },
      };
    },
    hlsjs: function () {
      var hls = new Hls();
      window.player = hls;
      hls.on(Hls.Events.ERROR, function (_event, data) {
        recordError(Boolean(data.fatal), 'hls.js ' + data.type + ' ' + data.details);
      });
      return {
        abrName: 'default (EWMA AbrController)',
        version: Hls.version,
        begin: function (url) {
          hls.loadSource(url);
          hls.attachMedia(video);
        },
        seek: function (t) { video.currentTime = t; },
        destroy: function () { hls.destroy(); },
      };
    },
    dashjs: function () {
      var player = dashjs.MediaPlayer().create();
      window.player = player;
      player.on(dashjs.MediaPlayer.events.ERROR, function (e) {
        var error = e.error || {};
        recordError(true, 'dash.js error ' + error.code + ' ' + (error.message || ''));
      });
      player.on(dashjs.MediaPlayer.events.PLAYBACK_ERROR, function (e) {
        recordError(true, 'dash.js playback error ' + describe(e.error));
      });
      return {
        abrName: 'default (DYNAMIC: throughput + BOLA)',
        version: player.getVersion(),
        begin: function (url) { player.initialize(video, url, true); },
        seek: function (t) { player.seek(t); },
        destroy: function () { player.destroy(); },
      };
    },
  };

  function onFrame(now, metadata) {
    if (log.frames.length < MAX_FRAMES) {
      var at = performance.timeOrigin + (metadata.presentationTime || now);
      log.frames.push([at, metadata.mediaTime, metadata.height || video.videoHeight]);
    }
    video.requestVideoFrameCallback(onFrame);
  }

  function bufferedEndAt(t) {
    var b = video.buffered;
    for (var i = 0; i < b.length; i++) {
      if (b.start(i) <= t + 0.1 && b.end(i) >= t) return b.end(i);
    }
    return t;
  }

  function isBuffered(t) {
    var b = video.buffered;
    for (var i = 0; i < b.length; i++) if (b.start(i) <= t && b.end(i) > t) return true;
    return false;
  }

  function sample() {
    if (log.samples.length >= 50000) return;
    var t = video.currentTime;
    log.samples.push([epoch(), t, video.paused, video.seeking, video.ended, video.readyState, bufferedEndAt(t), video.playbackRate]);
  }

  var adapter;
  var sampler;

  window.bench = {
    player: playerName,
    /** Creates the player object (untimed); returns what ran. */
    prepare: function (options) {
      adapter = adapters[playerName](options || {});
      return { abrName: adapter.abrName, version: String(adapter.version) };
    },
    /** t0 = now; then the player gets the <video> and the URL. rVFC and sampling start first. */
    begin: function (url) {
      video.requestVideoFrameCallback(onFrame);
      sampler = setInterval(sample, SAMPLE_INTERVAL_MS);
      log.t0 = epoch();
      var result;
      try {
        result = adapter.begin(url);
      } catch (error) {
        recordError(true, 'load threw: ' + describe(error));
      }
      Promise.resolve(result).then(
        function () { log.loadSettledAt = epoch(); },
        function (error) { log.loadSettledAt = epoch(); recordError(true, 'load rejected: ' + describe(error)); }
      );
      sample();
      return log.t0;
    },
    seek: function (target) {
      log.seek = { at: epoch(), target: target, fromTime: video.currentTime, targetWasBuffered: isBuffered(target) };
      try {
        adapter.seek(target);
      } catch (error) {
        recordError(true, 'seek threw: ' + describe(error));
      }
      return log.seek;
    },
    /** First rendered frame (after `afterEpoch`) with height ≥ minHeight and mediaTime ≥ minMediaTime. */
    findFrame: function (criteria) {
      var c = criteria || {};
      for (var i = 0; i < log.frames.length; i++) {
        var f = log.frames[i];
        if (c.afterEpoch !== undefined && f[0] < c.afterEpoch) continue;
        if (c.minHeight !== undefined && f[2] < c.minHeight) continue;
        if (c.minMediaTime !== undefined && f[1] < c.minMediaTime) continue;
        return f;
      }
      return null;
    },
    fatalError: function () {
      for (var i = 0; i < log.errors.length; i++) if (log.errors[i].fatal) return log.errors[i].message;
      return null;
    },
    status: function () {
      return {
        currentTime: video.currentTime,
        paused: video.paused,
        ended: video.ended,
        readyState: video.readyState,
        frames: log.frames.length,
        fatal: window.bench.fatalError(),
      };
    },
    isBuffered: isBuffered,
    /** Non-null once the playhead reached `t`. */
    playedTo: function (t) {
      return video.currentTime >= t ? { currentTime: video.currentTime } : null;
    },
    /** Stops recording and returns everything. */
    finish: function () {
      if (sampler) clearInterval(sampler);
      sample();
      return log;
    },
  };

  var loader = loaders[playerName];
  if (!loader) {
    window.benchLoadError = 'unknown player ' + playerName;
    return;
  }
  loader().then(
    function () { window.benchReady = true; },
    function (error) { window.benchLoadError = describe(error); }
  );
})();
