// Copies the release server binary into server/ and packages the extension as a .vsix for this platform.
//
//   npm run package                      (expects ../../target/release/oneonone-ls; run `cargo build --release` first)
//   ONEONONE_SERVER_BINARY=/path npm run package   (bundle another binary)
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const extDir = path.resolve(here, '..');
const repoRoot = path.resolve(extDir, '..', '..');
const exe = process.platform === 'win32' ? 'oneonone-ls.exe' : 'oneonone-ls';
const source = process.env.ONEONONE_SERVER_BINARY || path.join(repoRoot, 'target', 'release', exe);

if (!fs.existsSync(source)) {
  console.error(`package: no server binary at ${source}.`);
  console.error('Build it first: run `cargo build --release` at the repository root (or set ONEONONE_SERVER_BINARY).');
  process.exit(1);
}

const serverDir = path.join(extDir, 'server');
fs.rmSync(serverDir, { recursive: true, force: true });
fs.mkdirSync(serverDir, { recursive: true });
const dest = path.join(serverDir, exe);
fs.copyFileSync(source, dest);
fs.chmodSync(dest, 0o755);
// The release profile keeps debug info; users do not need it in the .vsix.
if (process.platform === 'linux') {
  try {
    execFileSync('strip', ['--strip-debug', dest], { stdio: 'ignore' });
  } catch {
    // no strip: bundle as is
  }
}
const mb = (fs.statSync(dest).size / 1024 / 1024).toFixed(1);
console.log(`package: bundled ${source} -> ${path.relative(extDir, dest)} (${mb} MB)`);

// VS Code's platform names: the bundled binary only runs on the platform it was built on.
const arch = { x64: 'x64', arm64: 'arm64', arm: 'armhf' }[process.arch] ?? process.arch;
const target = `${process.platform}-${arch}`;

for (const old of fs.readdirSync(extDir).filter((f) => f.endsWith('.vsix'))) {
  fs.rmSync(path.join(extDir, old));
}

// vsce is a pinned devDependency (package.json, package-lock.json): `npm ci` installs it.
const vsce = path.join(extDir, 'node_modules', '.bin', process.platform === 'win32' ? 'vsce.cmd' : 'vsce');
if (!fs.existsSync(vsce)) {
  console.error(`package: no ${vsce}; run \`npm ci\` in ${extDir} first.`);
  process.exit(1);
}
execFileSync(
  vsce,
  ['package', '--no-dependencies', '--allow-missing-repository', '--target', target],
  { cwd: extDir, stdio: 'inherit', shell: process.platform === 'win32' },
);

const vsix = fs.readdirSync(extDir).filter((f) => f.endsWith('.vsix'));
if (vsix.length !== 1) {
  console.error(`package: expected one .vsix, found ${vsix.length}`);
  process.exit(1);
}
console.log(`package: ${path.join(extDir, vsix[0])}`);
