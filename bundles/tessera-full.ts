// Everything for the web in one ESM file: the player plus the seek-bar preview and trick-play
// UI of @tessera/thumbnails/ui. The demo and the browser tests load dist/tessera.full.js.
export * from './tessera-player';
export * from '@tessera/thumbnails/ui';
