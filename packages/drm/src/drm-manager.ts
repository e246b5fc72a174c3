import {
  ErrorCode, NetworkEngine, TesseraError, getGlobalObject, systemClock,
  type Clock, type DrmInfo, type DrmPlugin, type DrmPluginHost, type Presentation, type TimerHandle,
} from '@tessera/core';
import { fromBase64, fromHex, fromUtf8, toBase64, toBytes, toHex, utf8, type Bytes } from './bytes';
import { DEFAULT_HDCP_POLICY, type DrmConfig, type DrmEvent, type EmeEnvironment, type KeySystemOptions, type LicenseRequest } from './drm-config';
import { initDataFromPssh, initDataIdentity, manifestInitData, skdContentId, type InitData } from './init-data';
import { CLEARKEY, DEFAULT_ROBUSTNESS_CAPS, FAIRPLAY, PLAYREADY } from './key-systems';
import { isUnusable, readKeyStatuses, swapGuid } from './key-status';
import { fetchLicense } from './license-client';
import { formatLicenseRequest, parseLicenseResponse } from './license-formats';
import { allDrmInfos, licenseUrlOf, selectKeySystem, type KeySystemSelection } from './select-key-system';

interface KeySession {
  session: MediaKeySession;
  init: InitData;
  statuses: Map<string, string>;
  startedMs: number;
  licensed: boolean;
  closed: boolean;
  /** The session this one renews; closed once this one is licensed. */
  replaces?: KeySession;
  renewTimer?: TimerHandle;
}

let polyfillInstalled = false;

/** eme-encryption-scheme-polyfill patches navigator once per page, whichever player asks first. */
function installPolyfill(config: DrmConfig): void {
  const polyfill = config.encryptionSchemePolyfill ?? (getGlobalObject().EncryptionSchemePolyfills as DrmConfig['encryptionSchemePolyfill']);
  if (polyfillInstalled || !polyfill) return;
  polyfillInstalled = true;
  try {
    polyfill.install();
  } catch {
    // no EME on this platform: selection reports it
  }
}

function defaultEme(): EmeEnvironment {
  const nav = getGlobalObject().navigator as Navigator | undefined;
  return {
    requestMediaKeySystemAccess: (keySystem, configurations) =>
      nav && nav.requestMediaKeySystemAccess
        ? nav.requestMediaKeySystemAccess(keySystem, configurations)
        : Promise.reject(new Error('EME unavailable')),
  };
}

function drmError(code: typeof ErrorCode.MEDIA_KEYS_FAILED | typeof ErrorCode.LICENSE_RESPONSE_INVALID, keySystem: string, error: unknown): TesseraError {
  // Only the DOMException's name: CDM messages can quote init data.
  return new TesseraError(code as typeof ErrorCode.MEDIA_KEYS_FAILED, 'fatal', { keySystem, reason: String((error as Error)?.name || 'Error') });
}

/**
 * The EME manager behind core's DrmPlugin: chooses a key system, owns MediaKeys and one
 * session per key set, fetches licences (retries, typed rejections), renews them, and turns
 * key statuses and CDM robustness/HDCP into restrictions the player's ABR respects.
 */
export class DrmManager implements DrmPlugin {
  keySystem: string | undefined;
  private readonly clock: Clock;
  private readonly eme: EmeEnvironment;
  private readonly network: Pick<NetworkEngine, 'request'>;
  private selection: KeySystemSelection | undefined;
  private mediaKeys: MediaKeys | undefined;
  private media: HTMLMediaElement | undefined;
  private host: DrmPluginHost | undefined;
  private infos: DrmInfo[] = [];
  private sessions: KeySession[] = [];
  private identities: string[] = [];
  private pending: InitData[] = [];
  private generation = 0;
  private failed = false;
  private restrictedKey = '';
  private robustnessCap: number | undefined;
  private hdcpCap: number | undefined;
  /** The cap last told to the host ('undefined' = none); kept across titles so a lifted cap is reported. */
  private capKey = 'undefined';
  private readonly onEncrypted = (event: Event): void => {
    const e = event as MediaEncryptedEvent;
    const ks = this.keySystem;
    if (!ks || !e.initData) return;
    const data = toBytes(e.initData);
    // Safari's 'sinf' would duplicate the skd sessions the playlist already started.
    if (e.initDataType !== 'cenc' && this.sessions.length) return;
    const init = e.initDataType === 'cenc' ? initDataFromPssh(ks, data) : { type: e.initDataType, data, keyIds: [] };
    if (init) this.startSession(init, this.generation);
  };

  constructor(private readonly config: DrmConfig = {}) {
    this.clock = config.clock ?? systemClock;
    this.eme = config.eme ?? defaultEme();
    this.network = config.network ?? new NetworkEngine({ clock: this.clock });
  }

  async attach(media: HTMLMediaElement, presentation: Presentation, host: DrmPluginHost): Promise<void> {
    const generation = ++this.generation;
    this.closeSessions();
    this.host = host;
    this.failed = false;
    this.identities = [];
    this.pending = [];
    this.restrictedKey = '';
    this.hdcpCap = undefined;
    this.infos = allDrmInfos(presentation);
    const config = this.config;
    const device = host.device ?? config.device;
    installPolyfill(config);
    const selection = await selectKeySystem(presentation, this.infos, config, config.preferredKeySystems ?? device?.preferredKeySystems ?? [], device?.drmRobustness, this.eme);
    this.assertCurrent(generation);
    const ks = selection.keySystem;
    const reuse = this.mediaKeys && this.selection && this.selection.emeName === selection.emeName && !device?.quirks?.recreateMediaKeysPerTitle;
    if (!reuse) {
      try {
        this.mediaKeys = await selection.access.createMediaKeys();
      } catch (error) {
        throw drmError(ErrorCode.MEDIA_KEYS_FAILED, ks, error);
      }
      await this.setServerCertificate(ks, this.mediaKeys);
      this.assertCurrent(generation);
    }
    this.selection = selection;
    this.keySystem = ks;
    const mediaKeys = this.mediaKeys!;
    if (media.mediaKeys !== mediaKeys) {
      try {
        await media.setMediaKeys(mediaKeys);
      } catch (error) {
        throw drmError(ErrorCode.MEDIA_KEYS_FAILED, ks, error);
      }
    }
    this.assertCurrent(generation);
    if (this.media !== media) {
      this.media?.removeEventListener('encrypted', this.onEncrypted);
      media.addEventListener('encrypted', this.onEncrypted);
      this.media = media;
    }
    this.emit({ type: 'keysystemselected', keySystem: ks, videoRobustness: selection.videoRobustness });
    const caps = config.robustnessCaps ?? DEFAULT_ROBUSTNESS_CAPS;
    this.robustnessCap = caps[selection.emeName]?.[selection.videoRobustness];
    this.applyCaps();
    void this.checkHdcp(mediaKeys, generation);
    if (selection.persistent) await this.loadPersistentSessions(generation);
    for (const init of manifestInitData(ks, this.infos)) this.startSession(init, generation);
    const queued = this.pending;
    this.pending = [];
    for (const init of queued) this.startSession(init, generation);
  }

  onInitSegment(_contentType: 'video' | 'audio', initSegment: Uint8Array, drm: readonly DrmInfo[]): void {
    const ks = this.keySystem;
    const hints: string[] = [];
    for (const info of drm) for (const id of info.defaultKeyIds) if (hints.indexOf(id) < 0) hints.push(id);
    if (!ks || !this.mediaKeys) {
      // Before selection: keep the boxes, filtered once the key system is known.
      this.pending.push({ type: 'pssh-pending', data: toBytes(initSegment), keyIds: hints });
      return;
    }
    const init = initDataFromPssh(ks, initSegment, hints);
    if (init) this.startSession(init, this.generation);
  }

  /** Forget a stored persistent licence: the CDM releases it and the server is told ('license-release'). */
  async removePersistentSession(sessionId: string): Promise<void> {
    if (!this.mediaKeys) return;
    const record = this.track(this.mediaKeys.createSession('persistent-license'), { type: 'persisted', data: utf8(sessionId), keyIds: [] }, this.generation);
    // The CDM answers remove() with a 'license-release' message; the session closes once the server acknowledged it.
    if (await record.session.load(sessionId).catch(() => false)) await record.session.remove();
    else this.closeSession(record);
  }

  async destroy(): Promise<void> {
    this.generation++;
    this.closeSessions();
    this.media?.removeEventListener('encrypted', this.onEncrypted);
    const media = this.media;
    this.media = undefined;
    this.host = undefined;
    if (media && media.mediaKeys) await media.setMediaKeys(null).catch(() => undefined);
    this.mediaKeys = undefined;
    this.selection = undefined;
    this.keySystem = undefined;
  }

  // ---- sessions --------------------------------------------------------------------

  private startSession(init: InitData, generation: number, replaces?: KeySession): void {
    const ks = this.keySystem;
    const mediaKeys = this.mediaKeys;
    if (!ks || !mediaKeys || generation !== this.generation || this.failed) return;
    if (init.type === 'pssh-pending') {
      const filtered = initDataFromPssh(ks, init.data, init.keyIds);
      if (filtered) this.startSession(filtered, generation);
      return;
    }
    const identity = initDataIdentity(init);
    if (!replaces && this.covers(init, identity)) return;
    this.identities.push(identity);
    let session: MediaKeySession;
    try {
      session = mediaKeys.createSession(this.selection!.persistent ? 'persistent-license' : 'temporary');
    } catch (error) {
      this.fail(drmError(ErrorCode.MEDIA_KEYS_FAILED, ks, error));
      return;
    }
    const record = this.track(session, init, generation);
    record.replaces = replaces;
    session.generateRequest(init.type, init.data).catch((error: unknown) => {
      if (!record.closed) this.fail(new TesseraError(ErrorCode.INIT_DATA_INVALID, 'fatal', { reason: String((error as Error)?.name || 'Error') }));
    });
  }

  /** Already licensed (or being licensed): the same init data, or every key ID it names. */
  private covers(init: InitData, identity: string): boolean {
    if (this.identities.indexOf(identity) >= 0) return true;
    if (!init.keyIds.length) return false;
    return init.keyIds.every((id) => this.sessions.some((s) => !s.closed && (s.init.keyIds.indexOf(id) >= 0 || s.statuses.has(id))));
  }

  private track(session: MediaKeySession, init: InitData, generation: number): KeySession {
    const record: KeySession = { session, init, statuses: new Map(), startedMs: this.clock.now(), licensed: false, closed: false };
    this.sessions.push(record);
    session.addEventListener('message', (event) => {
      void this.onMessage(record, event as MediaKeyMessageEvent, generation);
    });
    session.addEventListener('keystatuseschange', () => this.onKeyStatuses(record));
    return record;
  }

  private async onMessage(record: KeySession, event: MediaKeyMessageEvent, generation: number): Promise<void> {
    const ks = this.keySystem;
    if (!ks || record.closed) return;
    const options: KeySystemOptions = this.config.keySystems?.[ks] ?? {};
    try {
      const message = toBytes(event.message);
      let response: Uint8Array;
      if (ks === CLEARKEY && this.config.clearKeys) {
        response = this.localClearKeyLicense(message);
      } else {
        const url = licenseUrlOf(ks, this.infos, this.config);
        if (!url) throw new TesseraError(ErrorCode.LICENSE_REQUEST_FAILED, 'fatal', { keySystem: ks });
        let request: LicenseRequest = formatLicenseRequest({
          url, headers: { ...options.headers }, body: message, messageType: event.messageType, keySystem: ks,
          contentId: record.init.type === 'skd' ? skdContentId(record.init.data) : undefined,
        });
        if (options.prepareRequest) request = await this.hook(() => options.prepareRequest!(request), ks);
        const body = await fetchLicense(this.network, {
          keySystem: ks, url: request.url, headers: request.headers, body: request.body, withCredentials: options.withCredentials,
          retry: { maxAttempts: 4, baseDelayMs: 250, maxDelayMs: 4000, ...this.config.retry }, timeoutMs: this.config.timeoutMs ?? 10000,
        });
        response = parseLicenseResponse(ks, body);
        if (options.parseResponse) response = await this.hook(() => options.parseResponse!(response, request), ks);
      }
      if (record.closed || generation !== this.generation) return;
      try {
        await record.session.update(toBytes(response));
      } catch (error) {
        throw drmError(ErrorCode.LICENSE_RESPONSE_INVALID, ks, error);
      }
      const renewal = record.licensed || event.messageType === 'license-renewal';
      const durationMs = Math.round(this.clock.now() - record.startedMs);
      if (!record.licensed && event.messageType === 'license-request') {
        record.licensed = true;
        if (!record.replaces) this.host?.onLicenseAcquired({ keySystem: ks, durationMs });
        if (this.selection?.persistent) {
          this.emit({ type: 'persistentsession', sessionId: record.session.sessionId, keyIds: record.init.keyIds.slice() });
        }
      }
      if (event.messageType === 'license-release') {
        this.closeSession(record);
        return;
      }
      this.emit({ type: 'licenseacquired', keySystem: ks, durationMs, renewal });
      if (record.replaces) {
        this.closeSession(record.replaces);
        record.replaces = undefined;
      }
      this.scheduleRenewal(record, generation);
    } catch (error) {
      if (record.closed || generation !== this.generation || (error as TesseraError)?.code === ErrorCode.ABORTED) return;
      this.fail(error instanceof TesseraError ? error : new TesseraError(ErrorCode.LICENSE_REQUEST_FAILED, 'fatal', { keySystem: ks }));
    }
  }

  /** App hooks may throw anything; their errors (which may quote tokens) become a bare typed error. */
  private async hook<T>(run: () => T | Promise<T>, keySystem: string): Promise<T> {
    try {
      return await run();
    } catch {
      throw new TesseraError(ErrorCode.LICENSE_REQUEST_FAILED, 'fatal', { keySystem });
    }
  }

  /** ClearKey with app-provided keys (EME §9.1.4 JSON Web Key Set), no server. */
  private localClearKeyLicense(message: Uint8Array): Uint8Array {
    const kids = (JSON.parse(fromUtf8(message)) as { kids?: string[] }).kids ?? [];
    const keys: Array<{ kty: string; kid: string; k: string }> = [];
    const clearKeys = this.config.clearKeys!;
    for (const kid of kids) {
      const key = clearKeys[toHex(fromBase64(kid))];
      if (key) keys.push({ kty: 'oct', kid, k: toBase64(fromHex(key), true) });
    }
    if (!keys.length) throw new TesseraError(ErrorCode.LICENSE_REJECTED, 'fatal', { keySystem: CLEARKEY, status: 404 });
    return utf8(JSON.stringify({ keys, type: 'temporary' }));
  }

  private onKeyStatuses(record: KeySession): void {
    if (record.closed) return;
    record.statuses = readKeyStatuses(record.session);
    const restricted: string[] = [];
    const all: Record<string, string> = {};
    let expired = false;
    for (const s of this.sessions) {
      if (s.closed) continue;
      s.statuses.forEach((status, keyId) => {
        all[keyId] = status;
        if (!isUnusable(status)) return;
        if (status === 'expired' && s === record) expired = true;
        restricted.push(keyId);
        if (this.keySystem === PLAYREADY) restricted.push(swapGuid(keyId));
      });
    }
    // A key usable in a renewed session is usable, whatever its expired predecessor says.
    const blocked = restricted.filter((id) => !this.sessions.some((s) => !s.closed && s.statuses.get(id) !== undefined && !isUnusable(s.statuses.get(id)!)));
    const key = blocked.sort().join(',');
    this.emit({ type: 'keystatuseschange', statuses: all });
    if (key !== this.restrictedKey) {
      this.restrictedKey = key;
      this.host?.onRestrictionsChanged(new Set(blocked));
    }
    if (expired) this.renew(record);
  }

  private scheduleRenewal(record: KeySession, generation: number): void {
    const expiration = record.session.expiration;
    if (record.renewTimer !== undefined) this.clock.clearTimeout(record.renewTimer);
    record.renewTimer = undefined;
    if (!(expiration > 0) || !isFinite(expiration)) return;
    this.emit({ type: 'expirationupdate', expirationMs: expiration });
    const lead = this.config.renewBeforeExpirationMs ?? 30000;
    const delay = Math.max(0, expiration - Date.now() - lead);
    record.renewTimer = this.clock.setTimeout(() => {
      if (generation === this.generation) this.renew(record);
    }, delay);
  }

  /** A fresh licence in a new session before (or when) this one's keys expire; the old one closes once it arrives. */
  private renew(record: KeySession): void {
    if (record.closed || this.sessions.some((s) => s.replaces === record)) return;
    this.startSession(record.init, this.generation, record);
  }

  private async loadPersistentSessions(generation: number): Promise<void> {
    for (const id of this.config.persistentLicenses?.sessionIds ?? []) {
      const record = this.track(this.mediaKeys!.createSession('persistent-license'), { type: 'persisted', data: utf8(id), keyIds: [] }, generation);
      let loaded = false;
      try {
        loaded = await record.session.load(id);
      } catch {
        loaded = false;
      }
      if (!loaded) {
        this.closeSession(record);
        continue;
      }
      record.licensed = true;
      record.statuses = readKeyStatuses(record.session);
      record.init.keyIds = Array.from(record.statuses.keys());
    }
  }

  private closeSession(record: KeySession): void {
    if (record.closed) return;
    record.closed = true;
    if (record.renewTimer !== undefined) this.clock.clearTimeout(record.renewTimer);
    this.sessions = this.sessions.filter((s) => s !== record);
    // close() can hang on some CDMs: never wait for it.
    try {
      void record.session.close().catch(() => undefined);
    } catch {
      // already closed
    }
  }

  private closeSessions(): void {
    for (const record of this.sessions.slice()) this.closeSession(record);
  }

  // ---- quality caps -------------------------------------------------------------------

  private async checkHdcp(mediaKeys: MediaKeys, generation: number): Promise<void> {
    const check = (mediaKeys as MediaKeys & { getStatusForPolicy?(policy: { minHdcpVersion: string }): Promise<string> }).getStatusForPolicy;
    if (this.keySystem === CLEARKEY || typeof check !== 'function') return;
    let cap: number | undefined;
    for (const rule of this.config.hdcpPolicy ?? DEFAULT_HDCP_POLICY) {
      try {
        if ((await check.call(mediaKeys, { minHdcpVersion: rule.minHdcpVersion })) !== 'usable') cap = Math.min(cap ?? Infinity, rule.aboveHeight);
      } catch {
        // policy not understood by this CDM: no opinion
      }
    }
    if (generation !== this.generation) return;
    this.hdcpCap = cap;
    this.applyCaps();
  }

  private applyCaps(): void {
    const caps = [this.robustnessCap, this.hdcpCap].filter((c): c is number => c !== undefined);
    const maxHeight = caps.length ? Math.min(...caps) : undefined;
    const key = String(maxHeight);
    if (key === this.capKey) return;
    this.capKey = key;
    this.host?.onResolutionCap?.(maxHeight === undefined ? undefined : { maxHeight });
  }

  // ---- plumbing ---------------------------------------------------------------------

  private async setServerCertificate(keySystem: string, mediaKeys: MediaKeys): Promise<void> {
    const options = this.config.keySystems?.[keySystem] ?? {};
    let certificate: Uint8Array | undefined = options.serverCertificate;
    try {
      if (!certificate && options.serverCertificateUrl) {
        certificate = await fetchLicense(this.network, {
          keySystem, url: options.serverCertificateUrl, headers: { ...options.headers }, body: new Uint8Array(0), method: 'GET',
          retry: { maxAttempts: 3, baseDelayMs: 250, maxDelayMs: 2000 }, timeoutMs: this.config.timeoutMs ?? 10000,
        });
      }
      if (certificate) await mediaKeys.setServerCertificate(toBytes(certificate) as Bytes);
      else if (keySystem === FAIRPLAY) throw new Error('FairPlay needs a server certificate');
    } catch {
      throw new TesseraError(ErrorCode.SERVER_CERTIFICATE_FAILED, 'fatal', { keySystem });
    }
  }

  private fail(error: TesseraError): void {
    if (this.failed) return;
    this.failed = true;
    this.host?.onError(error.severity === 'fatal' ? error : error.withSeverity('fatal'));
  }

  private emit(event: DrmEvent): void {
    try {
      this.config.onEvent?.(event);
    } catch {
      // an app listener's bug must not break DRM
    }
  }

  private assertCurrent(generation: number): void {
    if (generation !== this.generation) throw new TesseraError(ErrorCode.LOAD_INTERRUPTED, 'recoverable', {});
  }
}

/** The DRM plugin for `new Player(video, { drm: createDrmManager({ servers: { 'org.w3.clearkey': url } }) })`. */
export function createDrmManager(config: DrmConfig = {}): DrmManager {
  return new DrmManager(config);
}
