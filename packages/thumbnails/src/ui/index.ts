export { SeekBarPreview, type SeekBarPreviewOptions } from './seek-bar-preview';
export { TrickPlay, TRICK_PLAY_RATES, iFrameAtOrBefore, type TrickPlayOptions, type TrickPlayTarget } from './trick-play';
export { loadIFrameTimes, trickPlayTarget, trickPlayKey, type TrickPlayPlayer } from './iframe-times';
export { formatTime } from './format-time';
