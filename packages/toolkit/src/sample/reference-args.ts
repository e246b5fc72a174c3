import { gopFrames } from '../package/encode-args';
import { selectLadder } from '../package/ladder';
import { SAMPLE_AUDIO, type SampleTitleSpec } from './sample-titles';

/**
 * One ffmpeg run that packages the reference title with ffmpeg's OWN muxers
 * (not ours), for the player's interop tests: DASH via `-f dash` (fMP4,
 * SegmentTemplate $Number$) into dash/, and HLS via `-f hls` with fMP4
 * segments and a multivariant playlist (audio group per language) into hls/.
 * Each muxer gets its own encodes (a filter output feeds one output only).
 */
export function buildReferenceArgs(spec: SampleTitleSpec, source: string, outDir: string, segmentDurationSeconds: number, preset: string): string[] {
  const rungs = selectLadder(spec.ladder, spec.width, spec.height);
  const n = rungs.length;
  const gop = gopFrames(spec.fps, 1, segmentDurationSeconds);
  const labels = (prefix: string) => rungs.map((_, i) => `[${prefix}${i}]`).join('');
  const graph = [`[0:v]split=${n * 2}${labels('sd')}${labels('sh')}`];
  rungs.forEach((rung, i) => {
    graph.push(`[sd${i}]scale=${rung.width}:${rung.height},setsar=1[d${i}]`);
    graph.push(`[sh${i}]scale=${rung.width}:${rung.height},setsar=1[h${i}]`);
  });
  const args = ['-y', '-i', source, '-filter_complex', graph.join(';')];
  const encode = (prefix: string) => {
    const out: string[] = [];
    rungs.forEach((_, i) => out.push('-map', `[${prefix}${i}]`));
    SAMPLE_AUDIO.forEach((_, i) => out.push('-map', `0:a:${i}`));
    out.push('-c:v', 'libx264', '-preset', preset, '-g', String(gop), '-keyint_min', String(gop), '-sc_threshold', '0');
    rungs.forEach((rung, i) => out.push(`-b:v:${i}`, `${rung.bitrateKbps}k`, `-maxrate:v:${i}`, `${Math.round(rung.bitrateKbps * 1.1)}k`, `-bufsize:v:${i}`, `${rung.bitrateKbps * 2}k`));
    out.push('-c:a', 'aac', '-b:a', '128k', '-ac', '2');
    return out;
  };
  const audioSets = SAMPLE_AUDIO.map((_, i) => `id=${i + 1},streams=${n + i}`).join(' ');
  args.push(
    ...encode('d'),
    '-f', 'dash', '-seg_duration', String(segmentDurationSeconds), '-use_template', '1', '-use_timeline', '0',
    '-init_seg_name', 'init-$RepresentationID$.m4s', '-media_seg_name', 'seg-$RepresentationID$-$Number$.m4s',
    '-adaptation_sets', `id=0,streams=v ${audioSets}`,
    `${outDir}/dash/manifest.mpd`,
  );
  const streamMap = [
    ...rungs.map((_, i) => `v:${i},agroup:aud,name:${rungs[i]!.id}`),
    ...SAMPLE_AUDIO.map((audio, i) => `a:${i},agroup:aud,language:${audio.language},name:${audio.language}${i === 0 ? ',default:yes' : ''}`),
  ].join(' ');
  args.push(
    ...encode('h'),
    '-f', 'hls', '-hls_time', String(segmentDurationSeconds), '-hls_playlist_type', 'vod', '-hls_segment_type', 'fmp4',
    '-hls_flags', 'independent_segments', '-hls_fmp4_init_filename', 'init.mp4',
    '-hls_segment_filename', `${outDir}/hls/%v/seg-%d.m4s`, '-master_pl_name', 'master.m3u8',
    '-var_stream_map', streamMap,
    `${outDir}/hls/%v/playlist.m3u8`,
  );
  return args;
}
