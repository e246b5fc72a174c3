/**
 * A fake EME that records every call: key-system access with configuration matching,
 * MediaKeys, sessions that answer generateRequest with a message and update with key
 * statuses, and a media element. Enough to drive @tessera/drm in Node.
 */

export interface KeySystemSupport {
  /** Video robustness levels this CDM grants ('' = any). Default ['']. */
  robustness?: string[];
  persistent?: boolean;
  /** encryptionScheme values it accepts (default any). */
  schemes?: string[];
  /** getStatusForPolicy answers per minHdcpVersion (absent: the method does not exist). */
  hdcp?: Record<string, string>;
  /** Key IDs (hex) the licence makes usable when the init data does not say. */
  defaultKeyIds?: string[];
  /** generateRequest rejects every init data (a CDM that cannot parse it). */
  rejectInitData?: boolean;
}

export interface EmeCall {
  method: string;
  args: unknown[];
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function b64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Key IDs in init data: pssh v1 boxes or keyids JSON. */
export function keyIdsOfInitData(type: string, data: Uint8Array): string[] {
  if (type === 'keyids') return (JSON.parse(Buffer.from(data).toString('utf8')) as { kids: string[] }).kids.map((k) => Buffer.from(k, 'base64url').toString('hex'));
  const ids: string[] = [];
  for (let at = 0; at + 32 <= data.length;) {
    const size = new DataView(data.buffer, data.byteOffset + at).getUint32(0);
    if (data[at + 8]! > 0) {
      const count = new DataView(data.buffer, data.byteOffset + at + 28).getUint32(0);
      for (let k = 0; k < count; k++) ids.push(hex(data.subarray(at + 32 + k * 16, at + 48 + k * 16)));
    }
    at += size || data.length;
  }
  return ids;
}

export class FakeStatusMap {
  readonly entries = new Map<string, MediaKeyStatus>();
  get size(): number {
    return this.entries.size;
  }
  forEach(callback: (status: MediaKeyStatus, keyId: BufferSource) => void): void {
    this.entries.forEach((status, id) => callback(status, new Uint8Array(Buffer.from(id, 'hex'))));
  }
}

export class FakeSession extends EventTarget {
  sessionId = '';
  expiration = NaN;
  readonly keyStatuses = new FakeStatusMap();
  closedFlag = false;
  initDataType = '';
  initData = new Uint8Array(0);
  readonly updates: Uint8Array[] = [];
  readonly closed: Promise<void>;
  private resolveClosed!: () => void;

  constructor(readonly keys: FakeMediaKeys, readonly sessionType: string, private readonly log: EmeCall[]) {
    super();
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
  }

  get keyIds(): string[] {
    const ids = keyIdsOfInitData(this.initDataType, this.initData);
    return ids.length ? ids : this.keys.support.defaultKeyIds ?? [];
  }

  async generateRequest(type: string, data: BufferSource): Promise<void> {
    this.log.push({ method: 'generateRequest', args: [type] });
    this.initDataType = type;
    this.initData = new Uint8Array(ArrayBuffer.isView(data) ? data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) : data);
    if (this.keys.support.rejectInitData) throw new DOMException('bad init data', 'TypeError');
    this.sessionId = `session-${this.keys.sessions.indexOf(this) + 1}`;
    setTimeout(() => this.sendMessage('license-request'), 0);
  }

  /** What the CDM asks: ClearKey JSON; PlayReady's UTF-16 XML envelope; an opaque challenge otherwise. */
  messageBytes(messageType: string): Uint8Array {
    const ks = this.keys.keySystem;
    if (ks === 'org.w3.clearkey') return new Uint8Array(Buffer.from(JSON.stringify({ kids: this.keyIds.map((id) => b64url(Buffer.from(id, 'hex'))), type: this.sessionType })));
    if (ks.startsWith('com.microsoft.playready')) {
      const xml = '<PlayReadyKeyMessage type="LicenseAcquisition"><LicenseAcquisition Version="1"><Challenge encoding="base64encoded">'
        + Buffer.from('<soap:Envelope>pr-challenge</soap:Envelope>').toString('base64')
        + '</Challenge><HttpHeaders><HttpHeader><name>Content-Type</name><value>text/xml; charset=utf-8</value></HttpHeader>'
        + '<HttpHeader><name>SOAPAction</name><value>"http://schemas.microsoft.com/DRM/2007/03/protocols/AcquireLicense"</value></HttpHeader></HttpHeaders></LicenseAcquisition></PlayReadyKeyMessage>';
      return new Uint8Array(Buffer.from(xml, 'utf16le'));
    }
    return new Uint8Array(Buffer.from(`${ks}:${messageType}:challenge`));
  }

  sendMessage(messageType: MediaKeyMessageType): void {
    if (this.closedFlag) return;
    const event = new Event('message');
    Object.assign(event, { messageType, message: this.messageBytes(messageType).buffer });
    this.dispatchEvent(event);
  }

  async update(response: BufferSource): Promise<void> {
    const bytes = new Uint8Array(ArrayBuffer.isView(response) ? response.buffer.slice(response.byteOffset, response.byteOffset + response.byteLength) : response);
    this.log.push({ method: 'update', args: [bytes.length] });
    if (Buffer.from(bytes).toString() === 'corrupt') throw new DOMException('bad licence', 'InvalidStateError');
    this.updates.push(bytes);
    let ids = this.keyIds;
    if (this.keys.keySystem === 'org.w3.clearkey') {
      ids = (JSON.parse(Buffer.from(bytes).toString()) as { keys: Array<{ kid: string }> }).keys.map((k) => Buffer.from(k.kid, 'base64url').toString('hex'));
    }
    this.setStatuses(Object.fromEntries(ids.map((id) => [id, 'usable' as MediaKeyStatus])));
  }

  setStatuses(statuses: Record<string, MediaKeyStatus>): void {
    for (const [id, status] of Object.entries(statuses)) this.keyStatuses.entries.set(id, status);
    this.dispatchEvent(new Event('keystatuseschange'));
  }

  async load(sessionId: string): Promise<boolean> {
    this.log.push({ method: 'load', args: [sessionId] });
    const stored = this.keys.access.eme.storedSessions[sessionId];
    if (!stored) return false;
    this.sessionId = sessionId;
    for (const id of stored) this.keyStatuses.entries.set(id, 'usable');
    return true;
  }

  async remove(): Promise<void> {
    this.log.push({ method: 'remove', args: [this.sessionId] });
    setTimeout(() => this.sendMessage('license-release'), 0);
  }

  async close(): Promise<void> {
    this.log.push({ method: 'close', args: [this.sessionId] });
    this.closedFlag = true;
    this.resolveClosed();
  }
}

export class FakeMediaKeys {
  readonly sessions: FakeSession[] = [];
  certificate: Uint8Array | undefined;
  getStatusForPolicy?: (policy: { minHdcpVersion: string }) => Promise<string>;

  constructor(readonly access: FakeAccess, readonly log: EmeCall[]) {
    const hdcp = access.support.hdcp;
    if (hdcp) {
      this.getStatusForPolicy = async (policy) => {
        log.push({ method: 'getStatusForPolicy', args: [policy.minHdcpVersion] });
        return hdcp[policy.minHdcpVersion] ?? 'usable';
      };
    }
  }

  get keySystem(): string {
    return this.access.keySystem;
  }

  get support(): KeySystemSupport {
    return this.access.support;
  }

  createSession(type: MediaKeySessionType = 'temporary'): FakeSession {
    this.log.push({ method: 'createSession', args: [type] });
    const session = new FakeSession(this, type, this.log);
    this.sessions.push(session);
    return session;
  }

  async setServerCertificate(certificate: BufferSource): Promise<boolean> {
    this.log.push({ method: 'setServerCertificate', args: [] });
    this.certificate = new Uint8Array(ArrayBuffer.isView(certificate) ? certificate.buffer : certificate);
    return true;
  }
}

export class FakeAccess {
  constructor(readonly eme: FakeEme, readonly keySystem: string, readonly support: KeySystemSupport, private readonly granted: MediaKeySystemConfiguration) {}

  getConfiguration(): MediaKeySystemConfiguration {
    return this.granted;
  }

  async createMediaKeys(): Promise<FakeMediaKeys> {
    this.eme.log.push({ method: 'createMediaKeys', args: [this.keySystem] });
    const keys = new FakeMediaKeys(this, this.eme.log);
    this.eme.mediaKeys.push(keys);
    return keys;
  }
}

export class FakeEme {
  readonly log: EmeCall[] = [];
  readonly requests: Array<{ keySystem: string; configurations: MediaKeySystemConfiguration[] }> = [];
  readonly mediaKeys: FakeMediaKeys[] = [];
  /** Persistent sessions the CDM has stored: session ID → key IDs. */
  storedSessions: Record<string, string[]> = {};

  constructor(readonly supported: Record<string, KeySystemSupport>) {}

  requestMediaKeySystemAccess = async (keySystem: string, configurations: MediaKeySystemConfiguration[]): Promise<MediaKeySystemAccess> => {
    this.requests.push({ keySystem, configurations });
    const support = this.supported[keySystem];
    if (support) {
      for (const configuration of configurations) {
        const video = configuration.videoCapabilities ?? [];
        const robustOk = video.every((c) => (support.robustness ?? ['']).indexOf(c.robustness ?? '') >= 0);
        const schemeOk = video.every((c) => {
          const scheme = (c as { encryptionScheme?: string }).encryptionScheme;
          return !scheme || !support.schemes || support.schemes.indexOf(scheme) >= 0;
        });
        const persistentOk = configuration.persistentState !== 'required' || support.persistent === true;
        if (robustOk && schemeOk && persistentOk) return new FakeAccess(this, keySystem, support, configuration) as unknown as MediaKeySystemAccess;
      }
    }
    throw new DOMException('Unsupported keySystem or supportedConfigurations.', 'NotSupportedError');
  };

  get sessions(): FakeSession[] {
    return this.mediaKeys.flatMap((k) => k.sessions);
  }
}

export class FakeMedia extends EventTarget {
  mediaKeys: unknown = null;
  readonly setMediaKeysCalls: unknown[] = [];

  async setMediaKeys(keys: unknown): Promise<void> {
    this.setMediaKeysCalls.push(keys);
    this.mediaKeys = keys;
  }

  /** What Chromium does on appending an init segment with pssh boxes. */
  fireEncrypted(initDataType: string, initData: Uint8Array): void {
    const event = new Event('encrypted');
    Object.assign(event, { initDataType, initData: initData.buffer.slice(initData.byteOffset, initData.byteOffset + initData.byteLength) });
    this.dispatchEvent(event);
  }
}
