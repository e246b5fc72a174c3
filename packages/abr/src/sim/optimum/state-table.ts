/** Growable struct-of-arrays store of DP states for one segment. */
export class StateTable {
  size = 0;
  time: Float64Array<ArrayBuffer> = new Float64Array(64);
  buffer: Float64Array<ArrayBuffer> = new Float64Array(64);
  quality: Float64Array<ArrayBuffer> = new Float64Array(64);
  stall: Float64Array<ArrayBuffer> = new Float64Array(64);
  playing = new Uint8Array(64);
  rung = new Int16Array(64);
  parent = new Int32Array(64);

  push(time: number, buffer: number, quality: number, stall: number, playing: boolean, rung: number, parent: number): void {
    if (this.size === this.time.length) this.grow();
    const i = this.size++;
    this.time[i] = time;
    this.buffer[i] = buffer;
    this.quality[i] = quality;
    this.stall[i] = stall;
    this.playing[i] = playing ? 1 : 0;
    this.rung[i] = rung;
    this.parent[i] = parent;
  }

  copyFrom(other: StateTable, i: number): void {
    this.push(other.time[i]!, other.buffer[i]!, other.quality[i]!, other.stall[i]!, other.playing[i] === 1, other.rung[i]!, other.parent[i]!);
  }

  private grow(): void {
    const n = this.time.length * 2;
    const grow64 = (a: Float64Array): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    this.time = grow64(this.time);
    this.buffer = grow64(this.buffer);
    this.quality = grow64(this.quality);
    this.stall = grow64(this.stall);
    const playing = new Uint8Array(n);
    playing.set(this.playing);
    this.playing = playing;
    const rung = new Int16Array(n);
    rung.set(this.rung);
    this.rung = rung;
    const parent = new Int32Array(n);
    parent.set(this.parent);
    this.parent = parent;
  }
}
