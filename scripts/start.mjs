#!/usr/bin/env node
// `npm start`: build, make the sample catalog (cached after the first run), and serve the
// demo player at http://127.0.0.1:8080 until Ctrl-C.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = Number(process.env.PORT ?? 8080);
const run = (cmd, args, env = {}) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });

console.log('tessera: building the SDK and toolkit…');
run(process.execPath, [`${root}node_modules/rollup/dist/bin/rollup`, '-c', 'rollup.config.mjs', '--silent']);
console.log('tessera: making the sample catalog in media/ (several minutes the first time, cached after)…');
run(process.execPath, [`${root}packages/toolkit/bin/tessera.js`, 'sample', '-o', `${root}media`]);

const { startServer, createLicenseRoute } = await import('@tessera/toolkit');
const routes = [
  {
    path: '/',
    method: ['GET', 'HEAD'],
    handle: (_req, res) => {
      res.writeHead(302, { location: '/examples/demo/' });
      res.end();
    },
  },
];
// The ClearKey licence server for the protected sample titles, when the toolkit has it.
if (typeof createLicenseRoute === 'function') {
  try {
    routes.push(await createLicenseRoute({ keysDirectory: `${root}media` }));
  } catch (error) {
    console.warn(`tessera: licence server not started (${error.message})`);
  }
}
const server = await startServer({ root, port, host: '127.0.0.1', routes });
console.log(`\n  Tessera demo: ${server.url}/\n  (Ctrl-C to stop)\n`);
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
