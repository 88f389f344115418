import * as vscode from 'vscode';

export const SECTION = 'oneonone';

export const RULE_IDS = [
  'missing-ask',
  'vague-opening',
  'handoff-closing',
  'missing-outcome',
  'missing-insight',
  'status-dump',
  'unfinished-starter',
  'competing-priorities',
  'hedged-ask',
  'open-action-item',
  'repeated-ask',
  'outcome-changed',
  'long-agenda',
  'analysis-limited',
] as const;

export const THRESHOLD_IDS = ['status-dump-items', 'long-agenda-words'] as const;

export const READINESS_IDS = ['lens', 'hint'] as const;

export type Severity = 'off' | 'hint' | 'information' | 'warning' | 'error';

/** The shape the server reads, the same as the `[rules]` / `[thresholds]` / `[readiness]` tables of `.oneonone.toml`. */
export interface ServerSettings {
  rules: Record<string, Severity>;
  thresholds: Record<string, number>;
  readiness: Record<string, boolean>;
}

/** True when the user (or workspace, or folder) set the key explicitly, rather than leaving the default. */
function isSetByUser<T>(config: vscode.WorkspaceConfiguration, key: string): boolean {
  const info = config.inspect<T>(key);
  if (!info) {
    return false;
  }
  return (
    info.globalValue !== undefined ||
    info.workspaceValue !== undefined ||
    info.workspaceFolderValue !== undefined ||
    info.globalLanguageValue !== undefined ||
    info.workspaceLanguageValue !== undefined ||
    info.workspaceFolderLanguageValue !== undefined
  );
}

/**
 * Builds `{ rules, thresholds, readiness }` for the server from the `oneonone.*` settings.
 *
 * Only values the user actually set are included, so that the defaults declared in package.json do
 * not hide what a `.oneonone.toml` at the workspace root says; the server's own defaults fill in the rest.
 */
export function serverSettings(scope?: vscode.ConfigurationScope): ServerSettings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const rules: Record<string, Severity> = {};
  for (const id of RULE_IDS) {
    const key = `rules.${id}`;
    if (isSetByUser<Severity>(config, key)) {
      const value = config.get<Severity>(key);
      if (value !== undefined) {
        rules[id] = value;
      }
    }
  }
  const thresholds: Record<string, number> = {};
  for (const id of THRESHOLD_IDS) {
    const key = `thresholds.${id}`;
    if (isSetByUser<number>(config, key)) {
      const value = config.get<number>(key);
      if (typeof value === 'number' && Number.isFinite(value)) {
        // The server takes positive whole numbers only.
        thresholds[id] = Math.max(1, Math.round(value));
      }
    }
  }
  const readiness: Record<string, boolean> = {};
  for (const id of READINESS_IDS) {
    const key = `readiness.${id}`;
    if (isSetByUser<boolean>(config, key)) {
      const value = config.get<boolean>(key);
      if (typeof value === 'boolean') {
        readiness[id] = value;
      }
    }
  }
  return { rules, thresholds, readiness };
}
