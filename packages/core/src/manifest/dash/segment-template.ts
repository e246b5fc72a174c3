import { ErrorCode } from '../../errors';
import { fail } from '../parse-context';
import { padNumber } from '../util/numbers';
import { resolveAgainstBases } from './base-urls';
import type { RepresentationScope } from './representation-scope';

/*
 * SegmentTemplate @media / @initialization identifiers (ISO/IEC 23009-1 §5.3.9.4.4):
 * $RepresentationID$, $Number$, $Bandwidth$, $Time$, $$, with an optional %0<width>d
 * format tag. Unknown identifiers are kept literally.
 */

type Identifier = 'RepresentationID' | 'Number' | 'Bandwidth' | 'Time';

/** A literal piece, or an identifier to substitute. */
export type TemplatePart = string | { id: Identifier; width: number };

export type TemplateValues = Partial<Record<Identifier, string | number>>;

/** An identifier (with its format tag), `$$`, or a lone `$` (literal). Scanned left to right. */
const TOKEN = /(\$(?:RepresentationID|Number|Bandwidth|Time)(?:%0*\d*d)?\$|\$\$?)/;
/** Wider padding has no use (numbers have at most 16 digits) and would bloat every URL. */
const MAX_WIDTH = 32;

export function compileTemplate(template: string, url: string): TemplatePart[] {
  // split() with a capturing group: even indexes are literals, odd ones the tokens.
  return template.split(TOKEN).map((piece, k): TemplatePart => {
    if (!(k & 1) || piece.length < 3) return k & 1 ? '$' : piece;
    const percent = piece.indexOf('%');
    const width = percent < 0 ? 0 : Number(piece.slice(percent + 1, -2));
    if (width > MAX_WIDTH) fail(ErrorCode.DASH_INVALID, { url, reason: 'template format tag wider than ' + MAX_WIDTH + ': ' + piece.slice(0, 40) });
    return { id: piece.slice(1, percent < 0 ? -1 : percent) as Identifier, width };
  });
}

/**
 * Substitutes the identifiers that have a value (numbers zero-padded to the tag's width).
 * With `keepUnknown` the others stay as `$Id$` tokens and literal '$' are escaped as '$$',
 * so the result can be compiled again: RepresentationID/Bandwidth are fixed before URL
 * resolution, Number/Time per segment after. Otherwise they render as empty strings.
 */
export function fillTemplate(parts: TemplatePart[], values: TemplateValues, keepUnknown?: boolean): string {
  const escape = (text: string): string => (keepUnknown ? text.replace(/\$/g, '$$$$') : text);
  let out = '';
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    if (typeof part === 'string') {
      out += escape(part);
      continue;
    }
    const value = values[part.id];
    if (typeof value === 'number') out += padNumber(value, part.width);
    else if (value !== undefined) out += escape(value);
    else if (keepUnknown) out += '$' + part.id + (part.width ? '%0' + part.width + 'd' : '') + '$';
  }
  return out;
}

/**
 * A template made into one compiled template per BaseURL candidate: RepresentationID and
 * Bandwidth substituted *before* resolution, so an identifier cannot introduce a scheme.
 */
export function resolveTemplate(scope: RepresentationScope, template: string): { candidates: TemplatePart[][]; pathways: Array<string | undefined>; timed: boolean } {
  const url = scope.ctx.url;
  const parts = compileTemplate(template, url);
  const resolved = resolveAgainstBases(scope.bases, fillTemplate(parts, { RepresentationID: scope.representationId, Bandwidth: scope.bandwidth }, true), scope.ctx);
  return {
    candidates: resolved.urls.map((candidate) => compileTemplate(candidate, url)),
    pathways: resolved.pathways,
    timed: parts.some((part) => typeof part !== 'string' && (part.id === 'Number' || part.id === 'Time')),
  };
}
