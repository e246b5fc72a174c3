import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/**
 * The Chromium to drive: $CHROMIUM_PATH, else Debian's `chromium` on PATH (this CI
 * machine: `apt-get install chromium`), else undefined = Playwright's own browser
 * (a laptop that ran `npx playwright install chromium`).
 */
export function resolveChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const found = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // not on PATH
    }
  }
  return undefined;
}

/** Flags that work headless on a locked-down CI box (no GPU, no outbound network). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
];
