// `npm start` helper: builds better-sqlite3 for Electron's ABI into .electron-native/, apart from the
// Node build in node_modules that the tests use. The backend gets the result via PANELDESK_SQLITE_BINDING.
// Needs network the first time (Electron's headers); later runs reuse .electron-native/better_sqlite3.node.
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, '.electron-native');
const binding = path.join(outDir, 'better_sqlite3.node');
const moduleSrc = path.join(root, 'node_modules', 'better-sqlite3');
const moduleDst = path.join(outDir, 'node_modules', 'better-sqlite3');

const say = (line) => process.stdout.write(`[electron-native] ${line}\n`);
const die = (line) => {
  process.stderr.write(`[electron-native] ERROR: ${line}\n`);
  process.exit(1);
};
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

if (existsSync(binding)) {
  say(`using ${path.relative(root, binding)} (delete .electron-native/ to rebuild)`);
  process.exit(0);
}

if (!existsSync(path.join(moduleSrc, 'package.json'))) die('node_modules/better-sqlite3 is missing: run `npm ci` first.');
const electronPkg = path.join(root, 'node_modules', 'electron', 'package.json');
if (!existsSync(electronPkg)) die('node_modules/electron is missing: run `npm ci` first.');
const electronVersion = readJson(electronPkg).version;
const sqliteVersion = readJson(path.join(moduleSrc, 'package.json')).version;

say(`building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} in .electron-native/`);
say('this needs network the first time (Electron headers from electronjs.org) and a C++ toolchain.');

// A private copy, without the Node build, so a "successful" no-op can never hand back Node's ABI.
rmSync(outDir, { recursive: true, force: true });
mkdirSync(path.dirname(moduleDst), { recursive: true });
cpSync(moduleSrc, moduleDst, {
  recursive: true,
  filter: (src) => {
    const rel = path.relative(moduleSrc, src).split(path.sep)[0];
    return rel !== 'build' && rel !== 'prebuilds' && rel !== 'node_modules';
  },
});
writeFileSync(
  path.join(outDir, 'package.json'),
  `${JSON.stringify({ name: 'paneldesk-electron-native', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }, null, 2)}\n`,
);

// npm passes its `nodedir` setting down as an env variable; node-gyp would then build against
// Node's headers and silently produce the wrong ABI.
for (const key of Object.keys(process.env)) {
  if (key.toLowerCase() === 'npm_config_nodedir') delete process.env[key];
}

try {
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({
    buildPath: outDir,
    // Stop the module search here: the node_modules of the project must not be rebuilt.
    projectRootPath: outDir,
    electronVersion,
    onlyModules: ['better-sqlite3'],
    force: true,
  });
} catch (err) {
  rmSync(outDir, { recursive: true, force: true });
  die(
    `could not build better-sqlite3 for Electron ${electronVersion}: ${err instanceof Error ? err.message : String(err)}\n` +
      '  This step downloads Electron headers: check the network (or proxy) and a C++ toolchain, then run `npm start` again.\n' +
      '  Tests do not need it; they use the Node build in node_modules.',
  );
}

const built = path.join(moduleDst, 'build', 'Release', 'better_sqlite3.node');
if (!existsSync(built)) {
  rmSync(outDir, { recursive: true, force: true });
  die(`the rebuild reported success but ${path.relative(root, built)} is missing.`);
}
copyFileSync(built, binding);
say(`done: ${path.relative(root, binding)}`);
