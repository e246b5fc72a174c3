import type { PackagingSummary, PackagedRepresentation } from '../../src/package/packaging-summary';

function segments(directory: string, count: number, timescale: number, durationTicks: number, bytes: number) {
  return Array.from({ length: count }, (_, i) => ({
    number: i + 1,
    url: `${directory}/seg-${i + 1}.m4s`,
    bytes: bytes + i * 100,
    startSeconds: (i * durationTicks) / timescale,
    durationSeconds: durationTicks / timescale,
    time: i * durationTicks,
    duration: durationTicks,
  }));
}

function video(id: string, width: number, height: number, codecs: string, bytes: number): PackagedRepresentation {
  return {
    id, type: 'video', mimeType: 'video/mp4', codecs, timescale: 12288, initUrl: `video/${id}/init.mp4`, playlistUrl: `video/${id}/playlist.m3u8`,
    bandwidth: 700_000, peakBitrate: 800_000, averageBitrate: 600_000, nominalBitrateKbps: 600, width, height, frameRate: '24',
    segments: segments(`video/${id}`, 3, 12288, 49152, bytes),
  };
}

/** A packaging summary as `tessera package` would write it (3 segments of 4 s). */
export function fakeSummary(overrides: Partial<PackagingSummary> = {}): PackagingSummary {
  return {
    packagerVersion: '1.0.0',
    manifests: { dash: 'manifest.mpd', hls: 'master.m3u8' },
    durationSeconds: 12,
    segmentDurationSeconds: 4,
    segmentTemplate: 'number',
    source: { file: 'in.mp4', width: 1280, height: 720, frameRate: '24', durationSeconds: 12 },
    video: [video('360p-600k', 640, 360, 'avc1.64001e', 300_000), video('720p-2000k', 1280, 720, 'avc1.64001f', 1_000_000)],
    audio: ['en', 'fr'].map((language) => ({
      id: `audio-${language}`, type: 'audio' as const, mimeType: 'audio/mp4' as const, codecs: 'mp4a.40.2', timescale: 48000,
      initUrl: `audio/${language}/init.mp4`, playlistUrl: `audio/${language}/playlist.m3u8`,
      bandwidth: 130_000, peakBitrate: 131_000, averageBitrate: 128_500, nominalBitrateKbps: 128, language,
      label: language === 'en' ? 'English' : 'Français', channels: 2, sampleRate: 48000,
      segments: segments(`audio/${language}`, 3, 48000, 192000, 64_000),
    })),
    subtitles: [{ id: 'text-en', language: 'en', name: 'English', url: 'text/en/subtitles.vtt', playlistUrl: 'text/en/playlist.m3u8' }],
    ...overrides,
  };
}
