import type { ThumbnailTrack } from '../thumbnail-track';
import type { Thumbnail } from '../types';
import { formatTime } from './format-time';

export interface SeekBarPreviewOptions {
  /** The seek bar: the preview sits above it, hovering it previews, and (focused) it takes remote keys. */
  bar: HTMLElement;
  /** Seconds the bar spans (the player's duration). */
  duration(): number;
  /** Where remote scrubbing starts (the playhead). */
  currentTime(): number;
  /** A scrubbed or clicked time was chosen (Enter / OK, or a click): seek there. */
  onSeek(time: number): void;
  track?: ThumbnailTrack;
  /** Width of the shown tile, CSS pixels. Default 160. */
  width?: number;
  /** Seconds per left/right key press. Default 10. */
  stepSeconds?: number;
}

const KEYS: Record<string, number> = { ArrowLeft: -1, Left: -1, ArrowRight: 1, Right: 1 };

/**
 * A framework-free thumbnail preview for a seek bar: hovering the bar (mouse) or
 * scrubbing it with left/right (TV remote, the bar focused) shows the tile and the
 * time above the bar; Enter/OK or a click seeks, Escape/Back cancels. The element
 * (`.tessera-preview`) carries `data-time`, `data-start`, `data-end` of what it shows.
 */
export class SeekBarPreview {
  readonly element: HTMLDivElement;
  private readonly tile: HTMLDivElement;
  private readonly image: HTMLDivElement;
  private readonly label: HTMLDivElement;
  private track: ThumbnailTrack | undefined;
  private scrubTime: number | undefined;
  private shownTime = 0;
  private request = 0;
  private readonly listeners: Array<[string, EventListener]> = [];

  constructor(private readonly options: SeekBarPreviewOptions) {
    const doc = options.bar.ownerDocument;
    const div = (style: string, parent?: HTMLElement) => {
      const el = doc.createElement('div');
      el.style.cssText = style;
      if (parent) parent.appendChild(el);
      return el;
    };
    this.element = div('position:absolute;bottom:100%;left:0;display:none;pointer-events:none;margin-bottom:8px;text-align:center;z-index:2');
    this.element.className = 'tessera-preview';
    this.tile = div('position:relative;overflow:hidden;background:#000;border:2px solid #fff', this.element);
    this.tile.className = 'tessera-preview-tile';
    this.image = div('position:absolute;left:0;top:0;background-repeat:no-repeat;transform-origin:0 0', this.tile);
    this.label = div('font:bold 14px/1.6 sans-serif;color:#fff;text-shadow:0 0 3px #000', this.element);
    this.label.className = 'tessera-preview-time';
    if (getComputedStyle(options.bar).position === 'static') options.bar.style.position = 'relative';
    options.bar.appendChild(this.element);
    this.track = options.track;
    this.listen('mousemove', (e) => this.showAt(this.timeAtX((e as MouseEvent).clientX)));
    this.listen('mouseleave', () => this.scrubTime === undefined && this.hide());
    this.listen('click', (e) => {
      this.hide();
      options.onSeek(this.timeAtX((e as MouseEvent).clientX));
    });
    this.listen('keydown', (e) => this.onKey(e as KeyboardEvent));
    this.listen('blur', () => this.cancelScrub());
  }

  setTrack(track: ThumbnailTrack | undefined): void {
    this.track = track;
    if (this.element.style.display !== 'none') this.showAt(this.shownTime);
  }

  /** Time being scrubbed with the remote, undefined when not scrubbing. */
  get scrubbing(): number | undefined {
    return this.scrubTime;
  }

  /** Move the remote scrub position by `deltaSeconds` (starting from the playhead) and preview it. */
  scrubBy(deltaSeconds: number): void {
    const duration = this.options.duration() || 0;
    const from = this.scrubTime !== undefined ? this.scrubTime : this.options.currentTime();
    this.scrubTime = Math.max(0, Math.min(duration, from + deltaSeconds));
    this.showAt(this.scrubTime);
  }

  /** Seek to the scrubbed time (OK). */
  commitScrub(): void {
    const time = this.scrubTime;
    this.cancelScrub();
    if (time !== undefined) this.options.onSeek(time);
  }

  cancelScrub(): void {
    this.scrubTime = undefined;
    this.hide();
  }

  /** Show the preview for `time` above its place on the bar. */
  showAt(time: number): void {
    const duration = this.options.duration() || 0;
    this.shownTime = time;
    const width = this.options.width || 160;
    const barWidth = this.options.bar.clientWidth;
    const x = duration > 0 ? (time / duration) * barWidth : 0;
    const el = this.element;
    el.style.display = 'block';
    el.style.left = Math.max(0, Math.min(barWidth - width - 4, x - width / 2 - 2)) + 'px';
    el.dataset.time = String(time);
    this.label.textContent = formatTime(time);
    const track = this.track;
    if (!track) {
      this.tile.style.display = 'none';
      return;
    }
    const id = ++this.request;
    const thumb = track.peek(time);
    if (thumb) this.render(thumb, width);
    else el.dataset.state = 'loading';
    track.getThumbnail(time).then(
      (t) => id === this.request && t && this.render(t, width),
      () => undefined, // superseded (ABORTED) or failed: the next hover tries again
    );
  }

  hide(): void {
    this.request++;
    this.element.style.display = 'none';
    this.element.dataset.state = 'hidden';
  }

  destroy(): void {
    this.hide();
    for (const [type, listener] of this.listeners) this.options.bar.removeEventListener(type, listener);
    if (this.element.parentNode) this.element.parentNode.removeChild(this.element);
  }

  /**
   * The tile at `width` px wide: an element the tile's natural size showing the sheet at
   * -x,-y, scaled down with a transform (no need to know the sheet's size).
   */
  private render(thumb: Thumbnail, width: number): void {
    const rect = thumb.rect;
    const height = rect ? Math.round((width * rect.height) / rect.width) : Math.round((width * 9) / 16);
    const s = this.image.style;
    this.tile.style.display = 'block';
    this.tile.style.width = width + 'px';
    this.tile.style.height = height + 'px';
    s.backgroundImage = 'url("' + thumb.url + '")';
    if (rect) {
      s.width = rect.width + 'px';
      s.height = rect.height + 'px';
      s.backgroundPosition = -rect.x + 'px ' + -rect.y + 'px';
      s.backgroundSize = 'auto';
      s.transform = 'scale(' + width / rect.width + ')';
    } else {
      s.width = width + 'px';
      s.height = height + 'px';
      s.backgroundPosition = '0 0';
      s.backgroundSize = '100% 100%';
      s.transform = 'none';
    }
    const d = this.element.dataset;
    d.start = String(thumb.startTime);
    d.end = String(thumb.endTime);
    d.state = 'shown';
  }

  private timeAtX(clientX: number): number {
    const box = this.options.bar.getBoundingClientRect();
    const fraction = box.width > 0 ? Math.max(0, Math.min(1, (clientX - box.left) / box.width)) : 0;
    return fraction * (this.options.duration() || 0);
  }

  private onKey(event: KeyboardEvent): void {
    const direction = KEYS[event.key];
    if (direction) this.scrubBy(direction * (this.options.stepSeconds || 10));
    else if ((event.key === 'Enter' || event.keyCode === 13) && this.scrubTime !== undefined) this.commitScrub();
    else if ((event.key === 'Escape' || event.key === 'Backspace' || event.keyCode === 10009 || event.keyCode === 461) && this.scrubTime !== undefined) this.cancelScrub();
    else return;
    event.preventDefault();
    event.stopPropagation();
  }

  private listen(type: string, listener: EventListener): void {
    this.options.bar.addEventListener(type, listener);
    this.listeners.push([type, listener]);
  }
}
