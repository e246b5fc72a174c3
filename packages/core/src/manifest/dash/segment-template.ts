import { ErrorCode } from '../../errors';
import { fail } from '../parse-context';
import { padNumber } from '../util/numbers';

/*
 * SegmentTemplate @media / @initialization identifiers (ISO/IEC 23009-1 §5.3.9.4.4):
 * $RepresentationID$, $Number$, $Bandwidth$, $Time$, $$, with an optional %0<width>d
 * format tag. Unknown identifiers are kept literally.
 */

type Identifier = 'RepresentationID' | 'Number' | 'Bandwidth' | 'Time';

interface Variable {
  id: Identifier;
  width: number;
}

export type TemplatePart = string | Variable;

const IDENTIFIER = /^(RepresentationID|Number|Bandwidth|Time)(?:%0*(\d*)d)?$/;
/** Wider padding has no use (numbers have at most 16 digits) and would bloat every URL. */
const MAX_WIDTH = 32;

export function compileTemplate(template: string, url: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  for (;;) {
    const open = template.indexOf('$', i);
    if (open < 0) break;
    const close = template.indexOf('$', open + 1);
    if (close < 0) break;
    literal += template.slice(i, open);
    const inner = template.slice(open + 1, close);
    i = close + 1;
    if (inner === '') {
      literal += '$';
      continue;
    }
    const m = IDENTIFIER.exec(inner);
    if (!m) {
      // Not an identifier: keep "$inner" and re-scan from the closing '$' (it may open one).
      literal += '$' + inner;
      i = close;
      continue;
    }
    const width = m[2] ? Number(m[2]) : 0;
    if (width > MAX_WIDTH) fail(ErrorCode.DASH_INVALID, { url, reason: 'template format tag wider than ' + MAX_WIDTH + ': $' + inner.slice(0, 40) + '$' });
    if (literal) parts.push(literal);
    literal = '';
    parts.push({ id: m[1] as Identifier, width });
  }
  literal += template.slice(i);
  if (literal) parts.push(literal);
  return parts;
}

export interface TemplateValues {
  representationId?: string;
  bandwidth?: number;
  number?: number;
  time?: number;
}

function render(v: Variable, values: TemplateValues): string | undefined {
  switch (v.id) {
    case 'RepresentationID':
      return values.representationId;
    case 'Bandwidth':
      return values.bandwidth === undefined ? undefined : padNumber(values.bandwidth, v.width);
    case 'Number':
      return values.number === undefined ? undefined : padNumber(values.number, v.width);
    default:
      return values.time === undefined ? undefined : padNumber(values.time, v.width);
  }
}

function serialize(v: Variable): string {
  return '$' + v.id + (v.width ? '%0' + v.width + 'd' : '') + '$';
}

/**
 * Substitutes the identifiers that have a value; the others stay as `$Id$` tokens
 * (with literal '$' escaped as '$$') so the result can be compiled again. Used to fix
 * RepresentationID/Bandwidth before URL resolution and Number/Time per segment after.
 */
export function partiallyFill(parts: TemplatePart[], values: TemplateValues): string {
  let out = '';
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k];
    if (typeof p === 'string') out += p.replace(/\$/g, '$$$$');
    else {
      const v = render(p, values);
      out += v === undefined ? serialize(p) : v.replace(/\$/g, '$$$$');
    }
  }
  return out;
}

/** Fills every identifier; ones without a value render as empty strings. */
export function fillTemplate(parts: TemplatePart[], values: TemplateValues): string {
  let out = '';
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k];
    if (typeof p === 'string') out += p;
    else {
      const v = render(p, values);
      if (v !== undefined) out += v;
    }
  }
  return out;
}

export function templateUses(parts: TemplatePart[], id: Identifier): boolean {
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k];
    if (typeof p !== 'string' && p.id === id) return true;
  }
  return false;
}
