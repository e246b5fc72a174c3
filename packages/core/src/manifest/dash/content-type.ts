import { ErrorCode, TesseraError } from '../../errors';
import type { ContentType } from '../../model';
import { codecFamily, codecKind, splitCodecs } from '../util/codecs';

const CONTENT_TYPE = /^(video|audio|text|image)$/;

/** What a Representation carries, from AdaptationSet@contentType, @mimeType, then @codecs. */
export function contentTypeOf(contentType: string | undefined, mimeType: string, codecs: string): ContentType | undefined {
  const ct = (contentType || '').trim().toLowerCase();
  const mime = mimeType.toLowerCase();
  const major = /^(video|audio|text|image)\//.exec(mime);
  if (CONTENT_TYPE.test(ct)) return ct as ContentType;
  if (major) return major[1] as ContentType;
  if (mime === 'application/ttml+xml') return 'text';
  let kind: ContentType | undefined;
  const list = splitCodecs(codecs);
  for (let k = 0; k < list.length; k++) {
    const c = codecKind(list[k]);
    if (c === 'video') return c;
    kind = kind || c;
  }
  return kind;
}

const PLAYABLE_MIME = /^(video\/mp4|audio\/mp4|application\/mp4|text\/vtt|application\/ttml\+xml|image\/jpeg|image\/png|image\/webp)$/;

/**
 * CMAF/fMP4 only (plus sidecar WebVTT/TTML and image tiles). MPEG-TS gets its own
 * code; WebM and anything else NO_PLAYABLE_STREAMS. A missing @mimeType is accepted.
 */
export function unsupportedFormat(mimeType: string, url: string): TesseraError | undefined {
  const mime = mimeType.toLowerCase();
  if (!mime || PLAYABLE_MIME.test(mime)) return undefined;
  if (mime.indexOf('mp2t') >= 0) return new TesseraError(ErrorCode.MPEG_TS_UNSUPPORTED, 'fatal', { url });
  return new TesseraError(ErrorCode.NO_PLAYABLE_STREAMS, 'fatal', { url, reason: 'unsupported mimeType ' + mime });
}

/** The family used to group representations: the codec of the set's own kind, else the mime subtype. */
export function familyOf(type: ContentType, mimeType: string, codecs: string): string {
  const list = splitCodecs(codecs);
  for (let k = 0; k < list.length; k++) if (codecKind(list[k]) === type) return codecFamily(list[k]);
  if (list.length) return codecFamily(list[0]);
  const mime = mimeType.toLowerCase();
  return mime === 'text/vtt' ? 'vtt' : mime === 'application/ttml+xml' ? 'ttml' : mime.slice(mime.indexOf('/') + 1);
}
