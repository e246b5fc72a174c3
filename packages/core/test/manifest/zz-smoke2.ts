import { readFileSync } from 'node:fs';
import { parseManifest } from '@tessera/core/manifest';
const root = '/work/shared/corpus';
for (const f of process.argv.slice(2)) {
  const text = readFileSync(`${root}/${f}`, 'utf8');
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const p = parseManifest(text, `https://example.com/${f}`, { nowMs: Date.UTC(2024, 0, 1) });
    if (i === 4) { console.log(f, (performance.now() - t0).toFixed(2), JSON.stringify(p.warnings, null, 0)); console.log(JSON.stringify(p, (k, v) => (k === 'segments' ? v.slice(0, 2).concat(v.length > 2 ? ['…' + v.length] : []) : v instanceof Uint8Array ? `<${v.length} bytes>` : v), 1).slice(0, +process.env.N! || 3000)); }
  }
}
