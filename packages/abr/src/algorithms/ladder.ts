import type { AbrCaps, AbrContext, AbrRepresentation } from '@tessera/core/abr-api';

/**
 * Which rungs the caps allow (device profile, screen size, DRM robustness, dropped frames).
 * A rung without a declared width/height is not excluded by a size cap.
 */
export function allowedRungs(context: AbrContext): boolean[] {
  return allowedRungsFor(context.representations, context.caps);
}

export function allowedRungsFor(representations: readonly AbrRepresentation[], caps: AbrCaps): boolean[] {
  const allowed: boolean[] = [];
  let any = false;
  for (let i = 0; i < representations.length; i++) {
    const rep: AbrRepresentation = representations[i]!;
    const ok =
      !(caps.maxWidth !== undefined && rep.width !== undefined && rep.width > caps.maxWidth) &&
      !(caps.maxHeight !== undefined && rep.height !== undefined && rep.height > caps.maxHeight) &&
      !(caps.maxBandwidthBps !== undefined && rep.bandwidthBps > caps.maxBandwidthBps);
    allowed.push(ok);
    any = any || ok;
  }
  // Caps that exclude everything cannot be honoured; the lowest rung is the least bad choice.
  if (!any && allowed.length > 0) allowed[0] = true;
  return allowed;
}

/** The highest allowed rung at or below `index`, else the lowest allowed rung. */
export function clampToAllowed(allowed: readonly boolean[], index: number): number {
  for (let i = Math.min(index, allowed.length - 1); i >= 0; i--) if (allowed[i]) return i;
  return lowestAllowed(allowed);
}

export function lowestAllowed(allowed: readonly boolean[]): number {
  for (let i = 0; i < allowed.length; i++) if (allowed[i]) return i;
  return 0;
}

export function highestAllowed(allowed: readonly boolean[]): number {
  for (let i = allowed.length - 1; i >= 0; i--) if (allowed[i]) return i;
  return 0;
}

/** The highest allowed rung whose declared bandwidth is at most `bps`, else the lowest allowed rung. */
export function highestRungWithin(context: AbrContext, allowed: readonly boolean[], bps: number): number {
  const reps = context.representations;
  for (let i = reps.length - 1; i >= 0; i--) if (allowed[i] && reps[i]!.bandwidthBps <= bps) return i;
  return lowestAllowed(allowed);
}

/** Bytes of the segment `offset` ahead at rung `index`: the real size when known, else bandwidth × duration. */
export function segmentBytes(context: AbrContext, index: number, offset: number): number {
  const known = context.segmentSizeBytes ? context.segmentSizeBytes(index, offset) : undefined;
  if (known !== undefined && known >= 0) return known;
  return (context.representations[index]!.bandwidthBps * context.segmentDurationSeconds) / 8;
}
