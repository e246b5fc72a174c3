import { createDecipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findPsshBoxes } from '@tessera/core/mp4';
import {
  ParameterSets, avcSubsamples, commonPssh, dashProtection, describeEncryption, encryptCbcPattern, encryptCtr, generateKeys, hlsKeyTags,
  keyFor, parseEncryptionArgs, parseKeysFile, widevinePsshData, type EncryptionPlan,
} from '../../src/encrypt/index';
import { nextIv } from '../../src/encrypt/sample-cipher';

const KEY = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
const KEY_ID = '0123456789abcdef0123456789abcdef';

function bytes(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 31 + seed) & 0xff;
  return out;
}

describe('sample ciphers (ISO/IEC 23001-7 §10)', () => {
  it("'cenc' CTR runs one keystream across a sample's protected ranges and leaves clear bytes alone", () => {
    const plain = bytes(100);
    const sample = plain.slice();
    const iv = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
    const subsamples = [{ clearBytes: 10, protectedBytes: 32 }, { clearBytes: 26, protectedBytes: 32 }];
    encryptCtr(sample, KEY, iv, subsamples);
    expect(sample.subarray(0, 10)).toEqual(plain.subarray(0, 10));
    expect(sample.subarray(42, 68)).toEqual(plain.subarray(42, 68));
    const decipher = createDecipheriv('aes-128-ctr', KEY, Buffer.concat([Buffer.from(iv), Buffer.alloc(8)]));
    const joined = Buffer.concat([sample.subarray(10, 42), sample.subarray(68, 100)]);
    expect(new Uint8Array(decipher.update(joined))).toEqual(new Uint8Array(Buffer.concat([plain.subarray(10, 42), plain.subarray(68, 100)])));
  });

  it("'cbcs' encrypts 1 block in 10, restarts the IV per subsample and leaves partial blocks clear", () => {
    const plain = bytes(16 * 25 + 5);
    const sample = plain.slice();
    const iv = bytes(16, 9);
    encryptCbcPattern(sample, KEY, iv, { cryptBlocks: 1, skipBlocks: 9 }, [{ clearBytes: 5, protectedBytes: 16 * 25 }]);
    const block = (data: Uint8Array, b: number) => data.subarray(5 + b * 16, 5 + (b + 1) * 16);
    for (let b = 0; b < 25; b++) expect(block(sample, b).join() === block(plain, b).join()).toBe(b % 10 !== 0);
    const decipher = createDecipheriv('aes-128-cbc', KEY, iv).setAutoPadding(false);
    const encrypted = Buffer.concat([block(sample, 0), block(sample, 10), block(sample, 20)]);
    expect(new Uint8Array(decipher.update(encrypted))).toEqual(new Uint8Array(Buffer.concat([block(plain, 0), block(plain, 10), block(plain, 20)])));

    const full = bytes(40);
    encryptCbcPattern(full, KEY, iv, { cryptBlocks: 0, skipBlocks: 0 });
    expect(full.subarray(32)).toEqual(bytes(40).subarray(32)); // trailing 8 bytes: partial block
    expect(full.subarray(16, 32).join()).not.toBe(bytes(40).subarray(16, 32).join());
  });

  it('steps IVs as big-endian counters', () => {
    expect(Array.from(nextIv(new Uint8Array([0, 0, 0, 0, 0, 0, 0, 255])))).toEqual([0, 0, 0, 0, 0, 0, 1, 0]);
    expect(Array.from(nextIv(new Uint8Array([255, 255]), 2))).toEqual([0, 1]);
  });
});

describe('H.264 subsample maps', () => {
  it('keeps non-VCL NAL units clear and splits clear runs over 65535 bytes', () => {
    const sei = new Uint8Array(4 + 70000);
    new DataView(sei.buffer).setUint32(0, 70000);
    sei[4] = 6; // SEI
    const map = avcSubsamples(sei, 4, new ParameterSets());
    expect(map).toEqual([{ clearBytes: 65535, protectedBytes: 0 }, { clearBytes: 70004 - 65535, protectedBytes: 0 }]);
  });

  it('rejects truncated NAL units', () => {
    expect(() => avcSubsamples(new Uint8Array([0, 0, 0, 9, 6]), 4, new ParameterSets())).toThrow(/bad NAL unit size/);
  });
});

describe('keys and options', () => {
  it('generates one key, a key per type, or audio + SD + HD keys, and picks them by type and height', () => {
    expect(generateKeys('title')).toHaveLength(1);
    const plan: EncryptionPlan = { scheme: 'cenc', keys: generateKeys('quality'), systems: {} };
    expect(keyFor(plan, { id: 'a', type: 'audio' }).label).toBe('audio');
    expect(keyFor(plan, { id: 'v', type: 'video', height: 480 }).label).toBe('video-sd');
    expect(keyFor(plan, { id: 'v', type: 'video', height: 720 }).label).toBe('video-hd');
    const keys = generateKeys('type');
    expect(new Set(keys.map((k) => k.keyId)).size).toBe(2);
    expect(keys.every((k) => /^[0-9a-f]{32}$/.test(k.key) && k.key !== k.keyId)).toBe(true);
  });

  it('validates keys files without echoing key values', () => {
    expect(parseKeysFile({ keys: [{ kid: KEY_ID.toUpperCase(), k: '00112233-4455-6677-8899-aabbccddeeff' }] }, 'k.json').keys[0]).toMatchObject({ keyId: KEY_ID, key: '00112233445566778899aabbccddeeff' });
    expect(() => parseKeysFile({ keys: [{ keyId: KEY_ID, key: 'secret-but-short' }] }, 'k.json')).toThrow(/keys\[0\]\.key must be 32 hex digits/);
    try {
      parseKeysFile({ keys: [{ keyId: KEY_ID, key: 'secret-but-short' }] }, 'k.json');
    } catch (error) {
      expect((error as Error).message).not.toContain('secret');
    }
    expect(() => parseKeysFile({ keys: [] }, 'k.json')).toThrow(/no keys/);
  });

  it('parses --encrypt and its companions, refusing inconsistent combinations', () => {
    expect(parseEncryptionArgs({}, '/w')).toBeUndefined();
    expect(parseEncryptionArgs({ encrypt: 'cbcs', 'key-id': KEY_ID, key: KEY.toString('hex'), fairplay: true }, '/w')).toMatchObject({
      scheme: 'cbcs', key: { keyId: KEY_ID }, systems: { fairPlay: true },
    });
    expect(parseEncryptionArgs({ encrypt: 'cenc', 'keys-file': 'k.json', 'license-url': '/license/clearkey' }, '/w')).toMatchObject({ keysFile: '/w/k.json', systems: { clearKeyLicenseUrl: '/license/clearkey' } });
    expect(() => parseEncryptionArgs({ encrypt: 'aes' }, '/w')).toThrow(/cenc or cbcs/);
    expect(() => parseEncryptionArgs({ 'key-id': KEY_ID }, '/w')).toThrow(/needs --encrypt/);
    expect(() => parseEncryptionArgs({ encrypt: 'cenc', 'key-id': KEY_ID }, '/w')).toThrow(/go together/);
    expect(() => parseEncryptionArgs({ encrypt: 'cenc', fairplay: true }, '/w')).toThrow(/cbcs/);
    expect(() => parseEncryptionArgs({ encrypt: 'cbcs', 'iv-size': '16' }, '/w')).toThrow(/constant IV/);
    expect(() => parseEncryptionArgs({ encrypt: 'cenc', 'license-url': 'ftp://x' }, '/w')).toThrow(/http/);
  });
});

describe('manifest signalling', () => {
  const encryption = describeEncryption({
    scheme: 'cbcs', keys: [{ label: 'all', keyId: KEY_ID, key: KEY.toString('hex') }],
    systems: { clearKeyLicenseUrl: '/license/clearkey', widevine: {}, playReady: { pro: 'AAAA', licenseUrl: 'https://pr.example/rightsmanager.asmx' }, fairPlay: true },
  });

  it('DASH: mp4protection + one element per system, on the set when keys are shared, else per representation', () => {
    const shared = [{ keyId: KEY_ID }, { keyId: KEY_ID }];
    const setLines = dashProtection(encryption, shared, undefined, '').join('\n');
    expect(setLines).toContain('schemeIdUri="urn:mpeg:dash:mp4protection:2011" value="cbcs" cenc:default_KID="01234567-89ab-cdef-0123-456789abcdef"');
    expect(setLines).not.toContain('urn:uuid:1077efec'); // ClearKey signalled by its own ID and licence URL
    expect(setLines).toContain('urn:uuid:e2719d58-a985-b3c9-781a-b030af78d30e');
    expect(setLines).toContain('<dashif:laurl>/license/clearkey</dashif:laurl>');
    expect(setLines).toContain('<clearkey:Laurl Lic_type="EME-1.0">/license/clearkey</clearkey:Laurl>');
    expect(setLines).toContain('urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed');
    expect(setLines).toContain('<mspr:pro>AAAA</mspr:pro>');
    expect(dashProtection(encryption, shared, shared[0], '')).toEqual([]);
    const mixed = [{ keyId: KEY_ID }, { keyId: 'ffffffffffffffffffffffffffffffff' }];
    expect(dashProtection(encryption, mixed, undefined, '')).toEqual([]);
    expect(dashProtection(encryption, mixed, mixed[1], '').join()).toContain('ffffffff-ffff-ffff-ffff-ffffffffffff');
    expect(dashProtection(undefined, shared, undefined, '')).toEqual([]);
    const withoutServer = { ...encryption, systems: {} };
    expect(dashProtection(withoutServer, shared, undefined, '').join('\n')).toMatch(/urn:uuid:1077efec-c0b2-4d02-ace3-3c1e52e2fb4b[\s\S]*<cenc:pssh>/);
  });

  it('HLS: SAMPLE-AES for cbcs with KEYFORMAT per system; FairPlay skd:// keys', () => {
    const tags = hlsKeyTags(encryption, KEY_ID, 'EXT-X-KEY');
    expect(tags.every((t) => t.startsWith('#EXT-X-KEY:METHOD=SAMPLE-AES,'))).toBe(true);
    expect(tags.map((t) => /KEYFORMAT="([^"]+)"/.exec(t)![1])).toEqual([
      'urn:uuid:1077efec-c0b2-4d02-ace3-3c1e52e2fb4b', 'org.w3.clearkey', 'urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed', 'com.microsoft.playready', 'com.apple.streamingkeydelivery',
    ]);
    expect(tags[4]).toContain(`URI="skd://${KEY_ID}"`);
    expect(hlsKeyTags({ ...encryption, scheme: 'cenc' }, KEY_ID, 'EXT-X-SESSION-KEY')[0]).toMatch(/^#EXT-X-SESSION-KEY:METHOD=SAMPLE-AES-CTR,.*KEYID=0x0123456789ABCDEF0123456789ABCDEF$/);
  });

  it('pssh: W3C common system v1 with the key IDs; Widevine data with key_id and protection_scheme', () => {
    const [pssh] = findPsshBoxes(commonPssh([KEY_ID]));
    expect(pssh).toMatchObject({ systemId: '1077efecc0b24d02ace33c1e52e2fb4b', keyIds: [KEY_ID] });
    expect(pssh!.data.length).toBe(0);
    const data = widevinePsshData([KEY_ID], 'cbcs');
    expect(Buffer.from(data).toString('hex')).toBe('1210' + KEY_ID + '48' + 'f3c6899b06');
  });
});
