import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Where the server executable was found, for messages and logs. */
export type ServerSource = 'setting' | 'bundled' | 'path';

export interface ServerLocation {
  command: string;
  source: ServerSource;
}

/** A configured `oneonone.server.path` that does not point to an executable file. */
export class BadServerSetting extends Error {
  constructor(readonly configured: string, readonly resolved: string) {
    super(`oneonone.server.path is set to "${configured}", but no executable file exists at ${resolved}.`);
  }
}

export const EXECUTABLE_NAME = process.platform === 'win32' ? 'oneonone-ls.exe' : 'oneonone-ls';

function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    if (process.platform !== 'win32') {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

/** Expands a leading `~` and makes a relative path absolute against `baseDir` (when given). */
export function resolveConfiguredPath(configured: string, baseDir: string | undefined): string {
  let p = configured.trim();
  if (p === '~' || p.startsWith('~/') || p.startsWith('~\\')) {
    p = path.join(os.homedir(), p.slice(1));
  }
  if (!path.isAbsolute(p) && baseDir) {
    p = path.join(baseDir, p);
  }
  return path.normalize(p);
}

/** Looks `name` up in the directories of `envPath` (the PATH variable). */
export function findOnPath(name: string, envPath: string | undefined = process.env.PATH): string | undefined {
  if (!envPath) {
    return undefined;
  }
  const extensions =
    process.platform === 'win32' ? ['', ...(process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';')] : [''];
  const base = name.replace(/\.exe$/i, '');
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) {
      continue;
    }
    for (const ext of extensions) {
      const candidate = path.join(dir, base + ext.toLowerCase());
      if (isExecutableFile(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

/**
 * Finds the server, in this order: the `oneonone.server.path` setting, the binary bundled in
 * the extension (`server/oneonone-ls`), then `oneonone-ls` on PATH. Returns undefined when none
 * exists; throws BadServerSetting when the setting names a file that is not there.
 */
export function findServer(
  configured: string | undefined,
  extensionDir: string,
  workspaceDir: string | undefined,
): ServerLocation | undefined {
  if (configured && configured.trim() !== '') {
    const resolved = resolveConfiguredPath(configured, workspaceDir);
    if (!isExecutableFile(resolved)) {
      throw new BadServerSetting(configured, resolved);
    }
    return { command: resolved, source: 'setting' };
  }
  const bundled = path.join(extensionDir, 'server', EXECUTABLE_NAME);
  if (process.platform !== 'win32' && fs.existsSync(bundled) && !isExecutableFile(bundled)) {
    // Some unpackers drop the executable bit; put it back.
    try {
      fs.chmodSync(bundled, 0o755);
    } catch {
      // fall through to PATH
    }
  }
  if (isExecutableFile(bundled)) {
    return { command: bundled, source: 'bundled' };
  }
  const onPath = findOnPath(EXECUTABLE_NAME);
  if (onPath) {
    return { command: onPath, source: 'path' };
  }
  return undefined;
}
