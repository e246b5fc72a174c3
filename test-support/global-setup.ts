import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SAMPLE_DIR = `${REPO_ROOT}media`;

/**
 * Browser tests play real media: make sure the sample catalog exists. `tessera sample`
 * is cached, so this is a no-op after the first run.
 */
export default function globalSetup(): void {
  // TESSERA_SKIP_SAMPLE=1 reuses media/ as it is (development, while the packager changes).
  if (process.env.TESSERA_SKIP_SAMPLE === '1') return;
  execFileSync(process.execPath, [`${REPO_ROOT}packages/toolkit/bin/tessera.js`, 'sample', '-o', SAMPLE_DIR], {
    stdio: 'inherit',
    cwd: REPO_ROOT,
  });
}
