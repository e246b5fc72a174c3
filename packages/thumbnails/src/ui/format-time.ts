/** 75 → '1:15', 3725 → '1:02:05'. */
export function formatTime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds || 0));
  const two = (n: number) => (n < 10 ? '0' : '') + n;
  const h = Math.floor(s / 3600);
  const m = Math.floor(s / 60) % 60;
  return (h ? h + ':' + two(m) : m) + ':' + two(s % 60);
}
