import { ErrorCode, TesseraError } from '../../errors';
import type { ContentType } from '../../model';
import { codecFamily, codecKind, splitCodecs } from '../util/codecs';

/** What a Representation carries, from AdaptationSet@contentType, @mimeType, then @codecs. */
export function contentTypeOf(contentType: string | undefined, mimeType: string, codecs: string): ContentType | undefined {
  const ct = (contentType || '').trim().toLowerCase();
  if (ct === 'video' || ct === 'audio' || ct === 'text' || ct === 'image') return ct;
  const mime = mimeType.trim().toLowerCase();
  const slash = mime.indexOf('/');
  const major = slash < 0 ? '' : mime.slice(0, slash);
  if (major === 'video' || major === 'audio' || major === 'text' || major === 'image') return major;
  if (mime === 'application/ttml+xml') return 'text';
  const list = splitCodecs(codecs);
  let kind: ContentType | undefined;
  for (let k = 0; k < list.length; k++) {
    const c = codecKind(list[k]);
    if (c === 'video') return 'video';
    if (c && !kind) kind = c;
  }
  return kind;
}

const PLAYABLE_MIME = /^(video\/mp4|audio\/mp4|application\/mp4|text\/vtt|application\/ttml\+xml|image\/jpeg|image\/png|image\/webp)$/;

/**
 * CMAF/fMP4 only (plus sidecar WebVTT/TTML and image tiles). MPEG-TS gets its own
 * code; WebM and anything else NO_PLAYABLE_STREAMS. A missing @mimeType is accepted.
 */
export function unsupportedFormat(mimeType: string, url: string): TesseraError | undefined {
  const mime = mimeType.trim().toLowerCase();
  if (!mime || PLAYABLE_MIME.test(mime)) return undefined;
  if (mime.indexOf('mp2t') >= 0) return new TesseraError(ErrorCode.MPEG_TS_UNSUPPORTED, 'fatal', { url });
  if (mime.indexOf('webm') >= 0 || mime.indexOf('matroska') >= 0) {
    return new TesseraError(ErrorCode.NO_PLAYABLE_STREAMS, 'fatal', { url, reason: 'WebM is not supported (CMAF/fMP4 only): ' + mime });
  }
  return new TesseraError(ErrorCode.NO_PLAYABLE_STREAMS, 'fatal', { url, reason: 'unsupported mimeType ' + mime });
}

/** The family used to group representations: the codec of the set's own kind, else the mime subtype. */
export function familyOf(type: ContentType, mimeType: string, codecs: string): string {
  const list = splitCodecs(codecs);
  for (let k = 0; k < list.length; k++) if (codecKind(list[k]) === type) return codecFamily(list[k]);
  if (list.length) return codecFamily(list[0]);
  const mime = mimeType.trim().toLowerCase();
  if (mime === 'text/vtt') return 'vtt';
  if (mime === 'application/ttml+xml') return 'ttml';
  return mime.slice(mime.indexOf('/') + 1);
}
