import * as vscode from 'vscode';
import {
  ConfigurationParams,
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from 'vscode-languageclient/node';
import { newAgenda } from './newAgenda';
import { deliver, isPrereadEmail, PREREAD_COMMAND, reason } from './preread';
import { BadServerSetting, findServer, ServerLocation } from './serverPath';
import { SECTION, serverSettings } from './settings';

const CLIENT_ID = 'oneonone';
const CLIENT_NAME = '1:1 Agenda Coach';

let client: LanguageClient | undefined;
let server: ServerLocation | undefined;
let log: vscode.OutputChannel;
let extensionDir: string;
/** The "server not found" message is shown once per window, unless the user asks again (restart). */
let missingReported = false;

function firstWorkspaceDir(): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
}

function locateServer(): ServerLocation | undefined {
  const configured = vscode.workspace.getConfiguration(SECTION).get<string>('server.path');
  return findServer(configured, extensionDir, firstWorkspaceDir());
}

async function reportMissing(message: string): Promise<void> {
  log.appendLine(message);
  const openSettings = 'Open Settings';
  const choice = await vscode.window.showErrorMessage(message, openSettings);
  if (choice === openSettings) {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'oneonone.server.path');
  }
}

async function startClient(userAsked: boolean): Promise<void> {
  try {
    server = locateServer();
  } catch (err) {
    server = undefined;
    if (err instanceof BadServerSetting) {
      if (userAsked || !missingReported) {
        missingReported = true;
        void reportMissing(`1:1: ${err.message} Fix the setting, or clear it to use the bundled server.`);
      }
      return;
    }
    throw err;
  }
  if (!server) {
    if (userAsked || !missingReported) {
      missingReported = true;
      void reportMissing(
        '1:1: the oneonone-ls language server was not found. Install it by running ' +
          '`cargo install --path .` in a clone of the oneonone-ls repository (this puts it in ~/.cargo/bin, ' +
          'which must be on your PATH), or set "oneonone.server.path" to the executable.',
      );
    }
    return;
  }
  log.appendLine(`Starting ${server.command} (found via ${server.source}).`);

  const serverOptions: ServerOptions = {
    run: { command: server.command, args: [] },
    debug: { command: server.command, args: [], options: { env: { ...process.env, ONEONONE_LOG: 'debug' } } },
  };

  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'markdown', pattern: '**/*.1on1.md' }],
    synchronize: {
      // Sends workspace/didChangeConfiguration when a oneonone.* setting changes.
      configurationSection: SECTION,
      fileEvents: vscode.workspace.createFileSystemWatcher('**/.oneonone.toml'),
    },
    initializationOptions: serverSettings(),
    outputChannel: log,
    middleware: {
      // The server's oneonone.preread (run by the "Draft the pre-read email" code action)
      // ends like "1:1: Copy the pre-read email": on the clipboard, with the mail app offered.
      executeCommand: (command, args, next) => (command === PREREAD_COMMAND ? preread(args) : next(command, args)),
      workspace: {
        // Send { oneonone: { rules, thresholds } } rather than every oneonone.* key with its default.
        didChangeConfiguration: async (_sections, _next) => {
          await client?.sendNotification(DidChangeConfigurationNotification.type, {
            settings: { [SECTION]: serverSettings() },
          });
        },
        // Answer workspace/configuration for our section with exactly { rules, thresholds }.
        configuration: async (params: ConfigurationParams, token, next) => {
          const answered = await next(params, token);
          if (!Array.isArray(answered)) {
            return answered;
          }
          return params.items.map((item, i) =>
            item.section === SECTION
              ? serverSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined)
              : answered[i],
          );
        },
      },
    },
  };

  client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  try {
    await client.start();
  } catch (err) {
    const message = `1:1: the language server at ${server.command} failed to start: ${(err as Error).message ?? err}`;
    log.appendLine(message);
    void vscode.window.showErrorMessage(message);
  }
}

/** Asks the server for the pre-read email of an agenda (`args`: its URI) and delivers it. */
async function preread(args: unknown[]): Promise<void> {
  if (!client?.isRunning()) {
    void vscode.window.showWarningMessage('1:1: the language server is not running, so there is no pre-read email to copy.');
    return;
  }
  try {
    const email: unknown = await client.sendRequest(ExecuteCommandRequest.type, { command: PREREAD_COMMAND, arguments: args });
    if (isPrereadEmail(email)) {
      await deliver(email, log);
    }
  } catch (err) {
    void vscode.window.showWarningMessage(`1:1: ${reason(err)}`);
  }
}

/** "1:1: Copy the pre-read email": the pre-read of the agenda in the active editor. */
function copyPreread(): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  if (!document || !document.uri.path.endsWith('.1on1.md')) {
    void vscode.window.showWarningMessage('1:1: open an agenda (*.1on1.md) to copy its pre-read email.');
    return Promise.resolve();
  }
  return preread([document.uri.toString()]);
}

async function stopClient(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    try {
      await running.stop(5000);
    } catch (err) {
      log.appendLine(`Stopping the server failed: ${(err as Error).message ?? err}`);
    }
  }
}

async function restart(userAsked: boolean): Promise<void> {
  await stopClient();
  await startClient(userAsked);
  if (client && userAsked) {
    void vscode.window.setStatusBarMessage('1:1: language server restarted', 3000);
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extensionDir = context.extensionPath;
  log = vscode.window.createOutputChannel(CLIENT_NAME);
  context.subscriptions.push(
    log,
    vscode.commands.registerCommand('oneonone.restartServer', () => restart(true)),
    vscode.commands.registerCommand('oneonone.copyPreread', copyPreread),
    vscode.commands.registerCommand('oneonone.newAgenda', () => {
      let command = server?.command;
      if (!command) {
        try {
          command = locateServer()?.command;
        } catch {
          command = undefined;
        }
      }
      return newAgenda(() => command, log);
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SECTION}.server.path`)) {
        // The user just changed it, so a problem with the new path is worth telling again.
        void restart(true);
      }
    }),
  );
  await startClient(false);
}

export function deactivate(): Promise<void> | undefined {
  return client ? stopClient() : undefined;
}
