import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

/** Used when `oneonone-ls new` cannot be run. Our own wording, one heading per part. */
export function builtinTemplate(date: string): string {
  return [
    `# 1:1 — ${date}`,
    '',
    '## Outcome',
    '',
    "The most important outcome I'm focused on right now is ",
    '',
    '## Insight',
    '',
    "What I'm seeing is ",
    '',
    '## Leadership move',
    '',
    'My recommendation is ',
    '',
    '## Pre-read',
    '',
    '- ',
    '',
  ].join('\n');
}

/** Today's date as YYYY-MM-DD in local time. */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Runs `<server> new` and returns its stdout, or undefined when it fails or prints nothing. */
export function templateFromServer(server: string | undefined): Promise<string | undefined> {
  if (!server) {
    return Promise.resolve(undefined);
  }
  return new Promise((resolve) => {
    execFile(server, ['new'], { timeout: 5000, maxBuffer: 1024 * 1024 }, (error, stdout) => {
      if (error || stdout.trim() === '') {
        resolve(undefined);
      } else {
        resolve(stdout);
      }
    });
  });
}

/** The folder of the active file (when it is on disk), else the first workspace folder. */
export function targetFolder(): string | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && active.scheme === 'file') {
    return path.dirname(active.fsPath);
  }
  const first = vscode.workspace.workspaceFolders?.[0];
  if (first && first.uri.scheme === 'file') {
    return first.uri.fsPath;
  }
  return undefined;
}

/**
 * Creates `YYYY-MM-DD.1on1.md` next to the active file (or in the first workspace folder) and
 * opens it. An existing file is never overwritten: it is opened as it is.
 */
export async function newAgenda(server: () => string | undefined, log: vscode.OutputChannel): Promise<void> {
  const folder = targetFolder();
  if (!folder) {
    void vscode.window.showErrorMessage('1:1: open a folder or a file first, so the new agenda has a place to go.');
    return;
  }
  const date = today();
  const file = path.join(folder, `${date}.1on1.md`);
  if (fs.existsSync(file)) {
    await vscode.window.showTextDocument(vscode.Uri.file(file));
    void vscode.window.showInformationMessage(`1:1: ${path.basename(file)} already exists, so it was opened unchanged.`);
    return;
  }
  let content = await templateFromServer(server());
  if (content === undefined) {
    log.appendLine('`oneonone-ls new` was not available; using the built-in template.');
    content = builtinTemplate(date);
  }
  try {
    // 'wx' fails if the file appeared in the meantime, so nothing is ever overwritten.
    await fs.promises.writeFile(file, content, { flag: 'wx' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST') {
      void vscode.window.showErrorMessage(`1:1: could not create ${file}: ${(err as Error).message}`);
      return;
    }
  }
  await vscode.window.showTextDocument(vscode.Uri.file(file));
}
