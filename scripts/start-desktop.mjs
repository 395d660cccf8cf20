// `npm start`: launch the desktop app. Electron's binary and an Electron-ABI build of
// better-sqlite3 are fetched here, on first launch, not at install time, so `npm install`
// works offline and the Node build of better-sqlite3 (tests, CLI, serve) is never replaced.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '..');
const electronDir = join(root, 'node_modules', 'electron');
const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
const nativeDir = join(root, '.electron-native');
const binding = join(nativeDir, `better_sqlite3-electron-${electronVersion}.node`);

function fail(message) {
  console.error(`benchtop: ${message}; the browser version needs neither: run \`npm run serve\`.`);
  process.exit(1);
}

function ensureElectronBinary() {
  if (existsSync(join(electronDir, 'path.txt'))) return;
  console.log(`Downloading Electron ${electronVersion} (first launch only)…`);
  try {
    // Its stderr is a stack trace when offline; the one line below says what matters.
    execFileSync(process.execPath, [join(electronDir, 'install.js')], {
      stdio: ['ignore', 'inherit', 'pipe'],
    });
  } catch {
    fail("Electron's binary could not be downloaded (is this machine offline?)");
  }
}

function ensureNativeSqlite() {
  if (existsSync(binding)) return;
  console.log(`Building better-sqlite3 for Electron ${electronVersion} (first launch only)…`);
  const work = join(nativeDir, 'build-better-sqlite3');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(nativeDir, { recursive: true });
  cpSync(join(root, 'node_modules', 'better-sqlite3'), work, { recursive: true });
  rmSync(join(work, 'build'), { recursive: true, force: true });
  const env = {
    ...process.env,
    npm_config_runtime: 'electron',
    npm_config_target: electronVersion,
    npm_config_disturl: 'https://electronjs.org/headers',
  };
  try {
    // A prebuilt binary when one is published for this Electron, else compile against its headers.
    try {
      execFileSync(
        process.execPath,
        [
          require.resolve('prebuild-install/bin.js'),
          '--runtime',
          'electron',
          '--target',
          electronVersion,
        ],
        { cwd: work, stdio: 'inherit', env },
      );
    } catch {
      execFileSync(
        process.execPath,
        [
          require.resolve('node-gyp/bin/node-gyp.js'),
          'rebuild',
          '--release',
          `--target=${electronVersion}`,
          '--dist-url=https://electronjs.org/headers',
        ],
        { cwd: work, stdio: 'inherit', env },
      );
    }
    cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), binding);
    writeFileSync(
      join(nativeDir, 'README.txt'),
      'better-sqlite3 built for Electron by scripts/start-desktop.mjs; safe to delete.\n',
    );
  } catch {
    fail(
      `better-sqlite3 could not be built for Electron ${electronVersion} (offline, or no C++ toolchain?)`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// `npm run dist` (--native-only): only the Electron build of better-sqlite3, under the stable name
// that build/electron-builder.yml copies into the package's resources/native/.
if (process.argv.includes('--native-only')) {
  ensureNativeSqlite();
  mkdirSync(join(nativeDir, 'package'), { recursive: true });
  cpSync(binding, join(nativeDir, 'package', 'better_sqlite3.node'));
  process.exit(0);
}

ensureElectronBinary();
ensureNativeSqlite();
const electron = require('electron');
// Further arguments are files to open: `npm start -- samples/iris.csv`.
const child = spawn(electron, [root, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, BENCHTOP_SQLITE_BINDING: binding },
});
child.on('exit', (code) => process.exit(code ?? 0));
