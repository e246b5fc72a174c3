import { NetworkEngine, parseManifest, systemClock, type DrmPluginHost, type Presentation, type TesseraError } from '@tessera/core';
import { FakeEme, FakeMedia, type KeySystemSupport } from './fake-eme';

export const WV = 'com.widevine.alpha';
export const PR = 'com.microsoft.playready';
export const FPS = 'com.apple.fps';
export const CK = 'org.w3.clearkey';

export const KID_SD = '11111111111111111111111111111111';
export const KID_HD = '22222222222222222222222222222222';
export const KID_AUDIO = '33333333333333333333333333333333';

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

export interface FakeReply {
  status?: number;
  body?: Uint8Array | string;
  /** Answer after this long (ms). */
  delayMs?: number;
}

/**
 * A real NetworkEngine over a scripted fetch: `reply` answers each request (the licence
 * server); every request is recorded.
 */
export function licenseNetwork(reply: (request: RecordedRequest, index: number) => FakeReply | Promise<FakeReply>): { network: NetworkEngine; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  const fakeFetch = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => (headers[name] = value));
    const body = init.body === undefined || init.body === null ? new Uint8Array(0) : new Uint8Array(init.body as ArrayBuffer);
    const request = { url, method: init.method ?? 'GET', headers, body };
    requests.push(request);
    const answer = await reply(request, requests.length - 1);
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    const payload = typeof answer.body === 'string' ? Buffer.from(answer.body) : answer.body ?? new Uint8Array(0);
    return new Response(new Uint8Array(payload) as Uint8Array<ArrayBuffer>, { status: answer.status ?? 200 });
  };
  const network = new NetworkEngine({
    clock: systemClock,
    platform: { fetch: fakeFetch as typeof fetch, AbortController },
    random: () => 0.5,
    onCallbackError: () => undefined,
  });
  return { network, requests };
}

/** Records everything the DRM plugin tells the player. */
export function recordingHost(device?: DrmPluginHost['device']): DrmPluginHost & {
  errors: TesseraError[]; restrictions: string[][]; licenses: Array<{ keySystem: string; durationMs: number }>; caps: unknown[];
} {
  const host = {
    errors: [] as TesseraError[],
    restrictions: [] as string[][],
    licenses: [] as Array<{ keySystem: string; durationMs: number }>,
    caps: [] as unknown[],
    device,
    onRestrictionsChanged: (ids: ReadonlySet<string>) => host.restrictions.push(Array.from(ids).sort()),
    onError: (error: TesseraError) => host.errors.push(error),
    onLicenseAcquired: (info: { keySystem: string; durationMs: number }) => host.licenses.push(info),
    onResolutionCap: (cap: unknown) => host.caps.push(cap),
  };
  return host;
}

export function fakeEnvironment(supported: Record<string, KeySystemSupport>): { eme: FakeEme; media: FakeMedia; mediaElement: HTMLMediaElement } {
  const eme = new FakeEme(supported);
  const media = new FakeMedia();
  return { eme, media, mediaElement: media as unknown as HTMLMediaElement };
}

function uuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A pssh box (version 1 with key IDs when given). */
export function pssh(systemId: string, keyIds: string[] = [], data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const v1 = keyIds.length > 0;
  const size = 32 + (v1 ? 4 + keyIds.length * 16 : 0) + data.length;
  const out = Buffer.alloc(size);
  out.writeUInt32BE(size, 0);
  out.write('pssh', 4, 'latin1');
  out[8] = v1 ? 1 : 0;
  Buffer.from(systemId, 'hex').copy(out, 12);
  let at = 28;
  if (v1) {
    out.writeUInt32BE(keyIds.length, at);
    at += 4;
    for (const id of keyIds) {
      Buffer.from(id, 'hex').copy(out, at);
      at += 16;
    }
  }
  out.writeUInt32BE(data.length, at);
  Buffer.from(data).copy(out, at + 4);
  return new Uint8Array(out);
}

export const SYSTEM = {
  common: '1077efecc0b24d02ace33c1e52e2fb4b',
  clearKey: 'e2719d58a985b3c9781ab030af78d30e',
  widevine: 'edef8ba979d64acea3c827dcd51d21ed',
  playReady: '9a04f07998404286ab92e65be0885f95',
};

/** An init segment (moov only) carrying these pssh boxes. */
export function initSegmentWith(...boxes: Uint8Array[]): Uint8Array {
  const payload = Buffer.concat(boxes.map((b) => Buffer.from(b)));
  const moov = Buffer.alloc(8);
  moov.writeUInt32BE(8 + payload.length, 0);
  moov.write('moov', 4, 'latin1');
  return new Uint8Array(Buffer.concat([moov, payload]));
}

export interface DashOptions {
  scheme?: 'cenc' | 'cbcs';
  /** Systems signalled per key: 'common' (ClearKey pssh), 'clearkey' (laurl), 'widevine', 'playready'. */
  systems?: Array<'common' | 'clearkey' | 'widevine' | 'playready'>;
  /** Video representations: height → key ID (keys on the Representation when they differ). */
  video?: Array<{ height: number; keyId: string }>;
  audioKeyId?: string;
  clearKeyLicenseUrl?: string;
}

function protection(keyId: string, options: DashOptions): string {
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  const systems = options.systems ?? ['common', 'clearkey', 'widevine', 'playready'];
  const out = [`<ContentProtection schemeIdUri="urn:mpeg:dash:mp4protection:2011" value="${options.scheme ?? 'cenc'}" cenc:default_KID="${uuid(keyId)}"/>`];
  if (systems.includes('common')) out.push(`<ContentProtection schemeIdUri="urn:uuid:${uuid(SYSTEM.common)}"><cenc:pssh>${b64(pssh(SYSTEM.common, [keyId]))}</cenc:pssh></ContentProtection>`);
  if (systems.includes('clearkey')) out.push(`<ContentProtection schemeIdUri="urn:uuid:${uuid(SYSTEM.clearKey)}" value="ClearKey1.0"><dashif:laurl>${options.clearKeyLicenseUrl ?? 'https://license.example/clearkey'}</dashif:laurl></ContentProtection>`);
  if (systems.includes('widevine')) out.push(`<ContentProtection schemeIdUri="urn:uuid:${uuid(SYSTEM.widevine)}"><cenc:pssh>${b64(pssh(SYSTEM.widevine, [], Buffer.concat([Buffer.from([0x12, 16]), Buffer.from(keyId, 'hex')])))}</cenc:pssh></ContentProtection>`);
  if (systems.includes('playready')) out.push(`<ContentProtection schemeIdUri="urn:uuid:${uuid(SYSTEM.playReady)}"><mspr:pro>${Buffer.from('pro-' + keyId).toString('base64')}</mspr:pro></ContentProtection>`);
  return out.join('\n');
}

/** A parsed DASH presentation with ContentProtection as our packager writes it. */
export function dashPresentation(options: DashOptions = {}): Presentation {
  const video = options.video ?? [{ height: 360, keyId: KID_SD }, { height: 720, keyId: KID_SD }];
  const shared = video.every((v) => v.keyId === video[0]!.keyId);
  const reps = video.map((v) => `<Representation id="v${v.height}" bandwidth="${v.height * 2000}" width="${Math.round((v.height * 16) / 9)}" height="${v.height}" codecs="avc1.64001f">${shared ? '' : protection(v.keyId, options)}<SegmentTemplate timescale="1000" initialization="v${v.height}/init.mp4" media="v${v.height}/$Number$.m4s" duration="4000"/></Representation>`);
  const audio = options.audioKeyId
    ? `<AdaptationSet contentType="audio" mimeType="audio/mp4" lang="en">${protection(options.audioKeyId, options)}<Representation id="a" bandwidth="128000" codecs="mp4a.40.2"><SegmentTemplate timescale="1000" initialization="a/init.mp4" media="a/$Number$.m4s" duration="4000"/></Representation></AdaptationSet>`
    : '';
  const mpd = `<?xml version="1.0"?>
<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" xmlns:cenc="urn:mpeg:cenc:2013" xmlns:dashif="https://dashif.org/CPS" xmlns:mspr="urn:microsoft:playready" type="static" mediaPresentationDuration="PT20S" minBufferTime="PT4S" profiles="urn:mpeg:dash:profile:isoff-live:2011">
<Period id="0"><AdaptationSet contentType="video" mimeType="video/mp4">${shared ? protection(video[0]!.keyId, options) : ''}${reps.join('')}</AdaptationSet>${audio}</Period></MPD>`;
  return parseManifest(mpd, 'https://cdn.example/title/manifest.mpd');
}

/** A parsed HLS multivariant playlist with SESSION-KEYs (FairPlay skd://, or the W3C common pssh). */
export function hlsPresentation(keyFormat: 'fairplay' | 'clearkey', keyId = KID_SD): Presentation {
  const key = keyFormat === 'fairplay'
    ? `#EXT-X-SESSION-KEY:METHOD=SAMPLE-AES,KEYFORMAT="com.apple.streamingkeydelivery",KEYFORMATVERSIONS="1",URI="skd://asset-42"`
    : `#EXT-X-SESSION-KEY:METHOD=SAMPLE-AES-CTR,KEYFORMAT="org.w3.clearkey",KEYFORMATVERSIONS="1",URI="data:text/plain;base64,${Buffer.from(pssh(SYSTEM.common, [keyId])).toString('base64')}",KEYID=0x${keyId}`;
  const text = ['#EXTM3U', '#EXT-X-VERSION:7', key, '#EXT-X-STREAM-INF:BANDWIDTH=800000,CODECS="avc1.64001f,mp4a.40.2",RESOLUTION=1280x720', 'v/playlist.m3u8', ''].join('\n');
  return parseManifest(text, 'https://cdn.example/title/master.m3u8');
}

/** Resolves once `check` is true (polling), or fails after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
