// Keeps package.json, the extension's rule list and the server's rule table in step.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const extDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(extDir, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(extDir, 'package.json'), 'utf8'));
const props = manifest.contributes.configuration.properties;
const SEVERITIES = ['off', 'hint', 'information', 'warning', 'error'];

const settingRules = Object.keys(props)
  .filter((k) => k.startsWith('oneonone.rules.'))
  .map((k) => k.slice('oneonone.rules.'.length));

const settingsTs = fs.readFileSync(path.join(extDir, 'src', 'settings.ts'), 'utf8');
const ruleIdsTs = [...settingsTs.match(/RULE_IDS = \[([^\]]*)\]/)[1].matchAll(/'([a-z-]+)'/g)].map((m) => m[1]);

/** Rule ids and default severities from the server's rule table (src/rules/mod.rs). */
function serverRules() {
  const src = fs.readFileSync(path.join(repoRoot, 'src', 'rules', 'mod.rs'), 'utf8');
  const rules = new Map();
  for (const m of src.matchAll(/id:\s*"([a-z-]+)",\s*default_severity:\s*(None|Some\(Severity::(\w+)\))/g)) {
    rules.set(m[1], m[3] ? m[3].toLowerCase() : 'off');
  }
  return rules;
}

test('every rule setting is a severity enum with a description', () => {
  assert.ok(settingRules.length >= 6);
  for (const id of settingRules) {
    const p = props[`oneonone.rules.${id}`];
    assert.deepEqual(p.enum, SEVERITIES, id);
    assert.ok(SEVERITIES.includes(p.default), id);
    assert.ok((p.description ?? p.markdownDescription ?? '').length > 20, id);
  }
});

test('the extension sends exactly the rules it declares', () => {
  assert.deepEqual([...ruleIdsTs].sort(), [...settingRules].sort());
});

test("settings match the server's rule table (ids and default severities)", () => {
  const rules = serverRules();
  assert.ok(rules.size > 0, 'no rules found in src/rules/mod.rs');
  assert.deepEqual([...settingRules].sort(), [...rules.keys()].sort());
  for (const [id, severity] of rules) {
    assert.equal(props[`oneonone.rules.${id}`].default, severity, id);
  }
});

test('thresholds, trace and server path are declared', () => {
  for (const key of ['oneonone.thresholds.status-dump-items', 'oneonone.thresholds.long-agenda-words']) {
    assert.equal(props[key].type, 'integer', key);
    assert.ok(props[key].default > 0, key);
  }
  assert.deepEqual(props['oneonone.trace.server'].enum, ['off', 'messages', 'verbose']);
  assert.equal(props['oneonone.server.path'].type, 'string');
});

test('readiness settings are booleans the extension sends and the server reads', () => {
  const settingKeys = Object.keys(props)
    .filter((k) => k.startsWith('oneonone.readiness.'))
    .map((k) => k.slice('oneonone.readiness.'.length))
    .sort();
  const sent = [...settingsTs.match(/READINESS_IDS = \[([^\]]*)\]/)[1].matchAll(/'([a-z-]+)'/g)].map((m) => m[1]);
  assert.deepEqual([...sent].sort(), settingKeys);
  const config = fs.readFileSync(path.join(repoRoot, 'src', 'config.rs'), 'utf8');
  const read = [...config.matchAll(/"([a-z-]+)" => self\.readiness\./g)].map((m) => m[1]).sort();
  assert.deepEqual(settingKeys, read);
  for (const key of settingKeys) {
    const p = props[`oneonone.readiness.${key}`];
    assert.equal(p.type, 'boolean', key);
    assert.equal(p.default, true, key);
    assert.ok(p.markdownDescription.length > 20, key);
  }
});

test('commands and activation', () => {
  const commands = manifest.contributes.commands.map((c) => c.command).sort();
  assert.deepEqual(commands, ['oneonone.copyPreread', 'oneonone.newAgenda', 'oneonone.restartServer']);
  for (const c of manifest.contributes.commands) {
    assert.equal(c.category, '1:1', c.command);
  }
  // Every command the manifest declares is registered by the extension, and the other way round.
  const extensionTs = fs.readFileSync(path.join(extDir, 'src', 'extension.ts'), 'utf8');
  const registered = [...extensionTs.matchAll(/registerCommand\('([\w.]+)'/g)].map((m) => m[1]).sort();
  assert.deepEqual(registered, commands);
  assert.deepEqual(manifest.activationEvents.sort(), ['onLanguage:markdown', 'workspaceContains:**/*.1on1.md']);
  assert.equal(manifest.main, './dist/extension.js');
});
