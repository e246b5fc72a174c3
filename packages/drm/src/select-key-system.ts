import { ErrorCode, TesseraError, type DrmInfo, type Presentation } from '@tessera/core';
import type { DrmConfig, EmeEnvironment } from './drm-config';
import { AUDIO_ROBUSTNESS, CLEARKEY, baseKeySystem, emeNamesOf, robustnessLadder } from './key-systems';

export interface KeySystemSelection {
  /** Base name ('com.microsoft.playready' for both PlayReady variants). */
  keySystem: string;
  /** The EME name granted ('com.microsoft.playready.recommendation'). */
  emeName: string;
  access: MediaKeySystemAccess;
  videoRobustness: string;
  persistent: boolean;
}

/** Every DrmInfo of a presentation (presentation, sets, representations). */
export function allDrmInfos(presentation: Presentation): DrmInfo[] {
  const infos = presentation.drm.slice();
  for (const set of presentation.switchingSets) {
    infos.push(...set.drm);
    for (const rep of set.representations) infos.push(...rep.drm);
  }
  return infos;
}

export function licenseUrlOf(keySystem: string, infos: readonly DrmInfo[], config: DrmConfig): string | undefined {
  const base = baseKeySystem(keySystem);
  const configured = config.keySystems?.[base]?.licenseUrl ?? config.servers?.[base];
  if (configured) return configured;
  for (const info of infos) if (info.licenseServerUrl && info.keySystem && baseKeySystem(info.keySystem) === base) return info.licenseServerUrl;
  return undefined;
}

/**
 * Key systems worth asking for, in order: the app's preference (else the device profile's),
 * then the manifest's order. A system qualifies when the content signals it and a licence
 * can be had (a URL from config or manifest; ClearKey also with local `clearKeys`, and
 * for any content with key IDs once the app names a ClearKey server).
 */
export function orderKeySystems(infos: readonly DrmInfo[], config: DrmConfig, preferred: readonly string[]): string[] {
  const signalled: string[] = [];
  let hasKeyIds = false;
  for (const info of infos) {
    if (info.defaultKeyIds.length) hasKeyIds = true;
    const base = info.keySystem && baseKeySystem(info.keySystem);
    if (base && signalled.indexOf(base) < 0) signalled.push(base);
  }
  const clearKeyConfigured = !!config.clearKeys || !!licenseUrlOf(CLEARKEY, [], config);
  if (hasKeyIds && clearKeyConfigured && signalled.indexOf(CLEARKEY) < 0) signalled.push(CLEARKEY);
  const usable = signalled.filter((ks) => (ks === CLEARKEY && config.clearKeys) || licenseUrlOf(ks, infos, config) !== undefined);
  const ordered: string[] = [];
  for (const ks of preferred) if (usable.indexOf(baseKeySystem(ks)) >= 0 && ordered.indexOf(baseKeySystem(ks)) < 0) ordered.push(baseKeySystem(ks));
  for (const ks of usable) if (ordered.indexOf(ks) < 0) ordered.push(ks);
  return ordered;
}

const VIDEO_CODEC = /^(avc|hvc|hev|dv|vp0|vp9|av01|mp4v)/i;

/** Distinct `mime; codecs="…"` strings per content type (HLS variants list both codecs in one attribute). */
export function contentTypes(presentation: Presentation): { video: string[]; audio: string[] } {
  const out = { video: [] as string[], audio: [] as string[] };
  for (const set of presentation.switchingSets) {
    if (set.type !== 'video' && set.type !== 'audio') continue;
    for (const rep of set.representations) {
      for (const codec of (rep.codecs || set.codecs || '').split(',')) {
        const c = codec.trim();
        if (!c) continue;
        const type = VIDEO_CODEC.test(c) ? 'video' : 'audio';
        const mime = (rep.mimeType || set.mimeType || '').indexOf(type) === 0 ? rep.mimeType || set.mimeType : type + '/mp4';
        const value = mime + '; codecs="' + c + '"';
        if (out[type].indexOf(value) < 0) out[type].push(value);
      }
    }
  }
  if (!out.video.length && !out.audio.length) out.video.push('video/mp4; codecs="avc1.42E01E"');
  return out;
}

function schemeOf(keySystem: string, infos: readonly DrmInfo[]): string | undefined {
  for (const info of infos) {
    if (info.encryptionScheme && (!info.keySystem || baseKeySystem(info.keySystem) === keySystem)) return info.encryptionScheme;
  }
  return undefined;
}

/**
 * One MediaKeySystemConfiguration per robustness level, best first: the browser grants the
 * first it can satisfy (EME §3.1.1.1), so one request walks the whole fallback ladder.
 */
export function buildConfigurations(
  emeName: string,
  keySystem: string,
  presentation: Presentation,
  infos: readonly DrmInfo[],
  config: DrmConfig,
  deviceBest: string | undefined,
): MediaKeySystemConfiguration[] {
  const options = config.keySystems?.[keySystem] ?? {};
  const types = contentTypes(presentation);
  const scheme = schemeOf(keySystem, infos);
  const persistent = !!config.persistentLicenses;
  const audioRobustness = options.audioRobustness ?? AUDIO_ROBUSTNESS[emeName] ?? '';
  return robustnessLadder(emeName, deviceBest, options.videoRobustness).map((robustness) => {
    const capability = (contentType: string, level: string): MediaKeySystemMediaCapability => {
      const c: MediaKeySystemMediaCapability & { encryptionScheme?: string } = { contentType, robustness: level };
      if (scheme) c.encryptionScheme = scheme;
      return c;
    };
    const configuration: MediaKeySystemConfiguration = {
      label: robustness || 'any',
      initDataTypes: keySystem === CLEARKEY ? ['cenc', 'keyids'] : ['cenc', 'sinf', 'skd', 'keyids'],
      distinctiveIdentifier: options.distinctiveIdentifier ?? 'optional',
      persistentState: persistent ? 'required' : 'optional',
      sessionTypes: persistent ? ['persistent-license'] : ['temporary'],
    };
    if (types.video.length) configuration.videoCapabilities = types.video.map((t) => capability(t, robustness));
    if (types.audio.length) configuration.audioCapabilities = types.audio.map((t) => capability(t, robustness ? audioRobustness : ''));
    return configuration;
  });
}

/**
 * Asks the browser for each candidate key system in order (each with its robustness ladder);
 * the first grant wins. Persistent-licence configurations fall back to temporary ones.
 */
export async function selectKeySystem(
  presentation: Presentation,
  infos: readonly DrmInfo[],
  config: DrmConfig,
  preferred: readonly string[],
  drmRobustness: Record<string, string> | undefined,
  eme: EmeEnvironment,
): Promise<KeySystemSelection> {
  const candidates = orderKeySystems(infos, config, preferred);
  for (const keySystem of candidates) {
    for (const emeName of emeNamesOf(keySystem)) {
      const configs = buildConfigurations(emeName, keySystem, presentation, infos, config, drmRobustness?.[keySystem] ?? drmRobustness?.[emeName]);
      const attempts = config.persistentLicenses ? [configs, buildConfigurations(emeName, keySystem, presentation, infos, { ...config, persistentLicenses: undefined }, drmRobustness?.[keySystem])] : [configs];
      for (const attempt of attempts) {
        try {
          const access = await eme.requestMediaKeySystemAccess(emeName, attempt);
          const granted = access.getConfiguration();
          const videoRobustness = (granted.videoCapabilities && granted.videoCapabilities[0] && granted.videoCapabilities[0].robustness) || '';
          return { keySystem, emeName, access, videoRobustness, persistent: (granted.sessionTypes || []).indexOf('persistent-license') >= 0 };
        } catch {
          // not supported with these configurations: next
        }
      }
    }
  }
  const signalled = candidates.length ? candidates : infos.map((i) => i.keySystem || i.schemeIdUri);
  throw new TesseraError(ErrorCode.NO_SUPPORTED_KEY_SYSTEM, 'fatal', { keySystems: signalled.filter((ks, i) => signalled.indexOf(ks) === i) });
}
