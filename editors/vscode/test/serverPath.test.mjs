// Server discovery order: setting, bundled binary, PATH; and what happens when none is there.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const extDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oneonone-serverpath-'));
let mod;
const savedPath = process.env.PATH;

function executable(file) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '#!/bin/sh\nexit 0\n');
  fs.chmodSync(file, 0o755);
  return file;
}

before(async () => {
  const outfile = path.join(tmp, 'serverPath.cjs');
  await esbuild.build({
    entryPoints: [path.join(extDir, 'src', 'serverPath.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    logLevel: 'silent',
  });
  mod = createRequire(import.meta.url)(outfile);
});

after(() => {
  process.env.PATH = savedPath;
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('the setting wins over the bundled binary and PATH', { skip: process.platform === 'win32' }, () => {
  const ext = path.join(tmp, 'ext1');
  executable(path.join(ext, 'server', 'oneonone-ls'));
  const onPath = path.join(tmp, 'bin1');
  executable(path.join(onPath, 'oneonone-ls'));
  const configured = executable(path.join(tmp, 'custom', 'my-ls'));
  process.env.PATH = onPath;
  assert.deepEqual(mod.findServer(configured, ext, undefined), { command: configured, source: 'setting' });
});

test('a relative setting is taken from the workspace folder', { skip: process.platform === 'win32' }, () => {
  const ws = path.join(tmp, 'ws');
  const bin = executable(path.join(ws, 'tools', 'oneonone-ls'));
  assert.deepEqual(mod.findServer('tools/oneonone-ls', path.join(tmp, 'none'), ws), { command: bin, source: 'setting' });
});

test('a setting naming a missing file is an error, not a silent fallback', () => {
  const ext = path.join(tmp, 'ext2');
  executable(path.join(ext, 'server', mod.EXECUTABLE_NAME));
  assert.throws(() => mod.findServer(path.join(tmp, 'nope', 'oneonone-ls'), ext, undefined), mod.BadServerSetting);
});

test('the bundled binary comes before PATH', { skip: process.platform === 'win32' }, () => {
  const ext = path.join(tmp, 'ext3');
  const bundled = executable(path.join(ext, 'server', 'oneonone-ls'));
  const onPath = path.join(tmp, 'bin3');
  executable(path.join(onPath, 'oneonone-ls'));
  process.env.PATH = onPath;
  assert.deepEqual(mod.findServer('', ext, undefined), { command: bundled, source: 'bundled' });
});

test('a bundled binary that lost its executable bit gets it back', { skip: process.platform === 'win32' }, () => {
  const ext = path.join(tmp, 'ext4');
  const bundled = executable(path.join(ext, 'server', 'oneonone-ls'));
  fs.chmodSync(bundled, 0o644);
  process.env.PATH = '';
  assert.deepEqual(mod.findServer(undefined, ext, undefined), { command: bundled, source: 'bundled' });
  assert.notEqual(fs.statSync(bundled).mode & 0o111, 0);
});

test('PATH is the last resort; nothing found gives undefined', { skip: process.platform === 'win32' }, () => {
  const ext = path.join(tmp, 'ext5');
  const dirA = path.join(tmp, 'binA');
  const dirB = path.join(tmp, 'binB');
  fs.mkdirSync(dirA, { recursive: true });
  fs.writeFileSync(path.join(dirA, 'oneonone-ls'), 'not executable');
  const onPath = executable(path.join(dirB, 'oneonone-ls'));
  process.env.PATH = [dirA, dirB].join(path.delimiter);
  assert.deepEqual(mod.findServer('  ', ext, undefined), { command: onPath, source: 'path' });
  process.env.PATH = dirA;
  assert.equal(mod.findServer('', ext, undefined), undefined);
});

test('~ in the setting is the home folder', () => {
  assert.equal(mod.resolveConfiguredPath('~/x/oneonone-ls', '/ws'), path.join(os.homedir(), 'x', 'oneonone-ls'));
});
