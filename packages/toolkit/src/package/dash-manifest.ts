import { languageName } from './languages';
import type { PackagedRepresentation, PackagingSummary } from './packaging-summary';
import { escapeXml, openTag, xsDuration } from './xml';
import { dashImageAdaptationSet } from '../thumbnails/thumbnail-manifests';
import { dashProtection, DASH_CENC_NAMESPACES } from '../encrypt/manifest-signalling';

/** DASH-IF role scheme (ISO/IEC 23009-1 §5.8.5.5). */
const ROLE_SCHEME = 'urn:mpeg:dash:role:2011';
const CHANNEL_SCHEME = 'urn:mpeg:dash:23003:3:audio_channel_configuration:2011';

/**
 * A static MPD (ISO/IEC 23009-1, ISOBMFF live profile §8.4): one video
 * AdaptationSet with every rung, one audio AdaptationSet per language (Role
 * main for the first), one text AdaptationSet per subtitle language (sidecar
 * WebVTT by BaseURL). Segment addressing: SegmentTemplate with $Number$ and
 * @duration, or SegmentTimeline with $Time$ (§5.3.9.4).
 */
export function writeDashManifest(summary: PackagingSummary): string {
  const lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  lines.push(openTag('MPD', {
    xmlns: 'urn:mpeg:dash:schema:mpd:2011',
    profiles: 'urn:mpeg:dash:profile:isoff-live:2011',
    type: 'static',
    mediaPresentationDuration: xsDuration(summary.durationSeconds),
    minBufferTime: xsDuration(summary.segmentDurationSeconds),
    ...(summary.encryption ? DASH_CENC_NAMESPACES : {}),
  }) + '>');
  lines.push(`  <Period id="0" start="PT0S">`);
  let adaptationId = 0;
  const video = summary.video;
  if (video.length > 0) {
    const maxWidth = Math.max(...video.map((r) => r.width ?? 0));
    const maxHeight = Math.max(...video.map((r) => r.height ?? 0));
    lines.push('    ' + openTag('AdaptationSet', {
      id: adaptationId++, contentType: 'video', mimeType: 'video/mp4', segmentAlignment: 'true', startWithSAP: 1,
      maxWidth, maxHeight, maxFrameRate: video[0]!.frameRate, par: aspectRatio(maxWidth, maxHeight),
    }) + '>');
    lines.push(...dashProtection(summary.encryption, video, undefined, '      '));
    lines.push(`      <Role schemeIdUri="${ROLE_SCHEME}" value="main"/>`);
    for (const rep of video) {
      lines.push('      ' + openTag('Representation', {
        id: rep.id, bandwidth: rep.bandwidth, width: rep.width, height: rep.height, frameRate: rep.frameRate, sar: '1:1', codecs: rep.codecs,
      }) + '>');
      lines.push(...dashProtection(summary.encryption, video, rep, '        '));
      lines.push(...segmentTemplate(rep, summary, '        '));
      lines.push('      </Representation>');
    }
    lines.push('    </AdaptationSet>');
  }
  summary.audio.forEach((rep, i) => {
    lines.push('    ' + openTag('AdaptationSet', {
      id: adaptationId++, contentType: 'audio', mimeType: 'audio/mp4', lang: rep.language, segmentAlignment: 'true', startWithSAP: 1,
    }) + '>');
    lines.push(...dashProtection(summary.encryption, [rep], undefined, '      '));
    lines.push(`      <Label>${escapeXml(rep.label ?? languageName(rep.language ?? 'und'))}</Label>`);
    lines.push(`      <Role schemeIdUri="${ROLE_SCHEME}" value="${i === 0 ? 'main' : 'alternate'}"/>`);
    lines.push('      ' + openTag('Representation', { id: rep.id, bandwidth: rep.bandwidth, audioSamplingRate: rep.sampleRate, codecs: rep.codecs }) + '>');
    if (rep.channels) lines.push(`        <AudioChannelConfiguration schemeIdUri="${CHANNEL_SCHEME}" value="${rep.channels}"/>`);
    lines.push(...segmentTemplate(rep, summary, '        '));
    lines.push('      </Representation>');
    lines.push('    </AdaptationSet>');
  });
  for (const text of summary.subtitles) {
    lines.push('    ' + openTag('AdaptationSet', { id: adaptationId++, contentType: 'text', mimeType: 'text/vtt', lang: text.language }) + '>');
    lines.push(`      <Label>${escapeXml(text.name)}</Label>`);
    lines.push(`      <Role schemeIdUri="${ROLE_SCHEME}" value="subtitle"/>`);
    lines.push('      ' + openTag('Representation', { id: text.id, bandwidth: 256 }) + '>');
    lines.push(`        <BaseURL>${escapeXml(text.url)}</BaseURL>`);
    lines.push('      </Representation>');
    lines.push('    </AdaptationSet>');
  }
  if (summary.thumbnails) lines.push(...dashImageAdaptationSet(summary.thumbnails, adaptationId++, '    '));
  lines.push('  </Period>', '</MPD>', '');
  return lines.join('\n');
}

function segmentTemplate(rep: PackagedRepresentation, summary: PackagingSummary, indent: string): string[] {
  const directory = rep.initUrl.slice(0, rep.initUrl.lastIndexOf('/') + 1);
  if (summary.segmentTemplate === 'number') {
    return [indent + openTag('SegmentTemplate', {
      timescale: rep.timescale,
      initialization: rep.initUrl,
      media: `${directory}seg-$Number$.m4s`,
      startNumber: 1,
      duration: Math.round(summary.segmentDurationSeconds * rep.timescale),
    }) + '/>'];
  }
  const out = [indent + openTag('SegmentTemplate', { timescale: rep.timescale, initialization: rep.initUrl, media: `${directory}seg-$Time$.m4s` }) + '>'];
  out.push(indent + '  <SegmentTimeline>');
  for (const run of timelineRuns(rep.segments)) {
    out.push(indent + '    ' + openTag('S', { t: run.t, d: run.d, r: run.r > 0 ? run.r : undefined }) + '/>');
  }
  out.push(indent + '  </SegmentTimeline>', indent + '</SegmentTemplate>');
  return out;
}

/** S elements (§5.3.9.6): equal consecutive durations folded into @r; @t only where time jumps. */
export function timelineRuns(segments: ReadonlyArray<{ time: number; duration: number }>): Array<{ t?: number; d: number; r: number }> {
  const runs: Array<{ t?: number; d: number; r: number }> = [];
  let expected = -1;
  for (const segment of segments) {
    const last = runs[runs.length - 1];
    if (last && segment.time === expected && segment.duration === last.d) last.r++;
    else runs.push({ t: segment.time === expected ? undefined : segment.time, d: segment.duration, r: 0 });
    expected = segment.time + segment.duration;
  }
  return runs;
}

function aspectRatio(width: number, height: number): string | undefined {
  if (!width || !height) return undefined;
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const g = gcd(width, height);
  return `${width / g}:${height / g}`;
}
