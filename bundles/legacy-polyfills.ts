// The few ES2015+ library methods Tessera's code uses that Chromium 38-44 lacks.
// Syntax is lowered by the compiler; these fill the runtime gaps, only when missing.
/* eslint-disable @typescript-eslint/no-explicit-any */
const objectCtor = Object as any;
if (typeof objectCtor.assign !== 'function') {
  objectCtor.assign = function assign(target: any, ...sources: any[]) {
    for (let i = 0; i < sources.length; i++) {
      const source = sources[i];
      if (source == null) continue;
      for (const key in source) if (Object.prototype.hasOwnProperty.call(source, key)) target[key] = source[key];
    }
    return target;
  };
}
function define(proto: any, name: string, value: unknown): void {
  if (!proto[name]) Object.defineProperty(proto, name, { value, configurable: true, writable: true });
}
define(Array.prototype, 'find', function (this: any[], fn: (v: any, i: number) => boolean) {
  for (let i = 0; i < this.length; i++) if (fn(this[i], i)) return this[i];
  return undefined;
});
define(Array.prototype, 'findIndex', function (this: any[], fn: (v: any, i: number) => boolean) {
  for (let i = 0; i < this.length; i++) if (fn(this[i], i)) return i;
  return -1;
});
define(Array.prototype, 'includes', function (this: any[], value: any) {
  for (let i = 0; i < this.length; i++) if (this[i] === value || (value !== value && this[i] !== this[i])) return true;
  return false;
});
define(String.prototype, 'includes', function (this: string, s: string) { return this.indexOf(s) !== -1; });
define(String.prototype, 'startsWith', function (this: string, s: string) { return this.lastIndexOf(s, 0) === 0; });
define(String.prototype, 'endsWith', function (this: string, s: string) {
  return this.length >= s.length && this.indexOf(s, this.length - s.length) !== -1;
});
define(String.prototype, 'padStart', function (this: string, length: number, fill?: string) {
  let out = String(this);
  const pad = fill === undefined ? ' ' : String(fill);
  while (out.length < length && pad) out = pad + out;
  return out.length > length && pad.length > 1 ? out.slice(out.length - length) : out;
});
if (typeof (Array as any).from !== 'function') {
  (Array as any).from = function from(list: any, map?: (v: any, i: number) => any) {
    const out: any[] = [];
    for (let i = 0; i < list.length; i++) out.push(map ? map(list[i], i) : list[i]);
    return out;
  };
}
const typedArrayProto = Object.getPrototypeOf(Uint8Array.prototype);
define(typedArrayProto, 'slice', function (this: Uint8Array, begin?: number, end?: number) {
  const view = this.subarray(begin, end);
  const copy = new (this.constructor as any)(view.length);
  copy.set(view);
  return copy;
});
define(typedArrayProto, 'fill', function (this: Uint8Array, value: number, begin = 0, end = this.length) {
  for (let i = begin < 0 ? this.length + begin : begin; i < (end < 0 ? this.length + end : end); i++) this[i] = value;
  return this;
});
define(Promise.prototype, 'finally', function (this: Promise<unknown>, fn: () => void) {
  return this.then((v) => { fn(); return v; }, (e) => { fn(); throw e; });
});
if (typeof (Object as any).values !== 'function') (Object as any).values = (o: any) => Object.keys(o).map((k) => o[k]);
if (typeof (Object as any).entries !== 'function') (Object as any).entries = (o: any) => Object.keys(o).map((k) => [k, o[k]]);
export {};
