// The full web player: core + abr + drm + thumbnails + telemetry (no UI). Built minified to
// dist/tessera.player.min.js so `npm run size` holds it to the 50 KiB gzip budget.
export * from '@tessera/core';
export * from '@tessera/abr';
export * from '@tessera/drm';
export * from '@tessera/thumbnails';
export * from '@tessera/telemetry';
