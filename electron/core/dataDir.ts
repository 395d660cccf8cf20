import { homedir } from 'node:os';
import { join } from 'node:path';

/** `--data-dir`, else BENCHTOP_HOME, else the OS's per-user app-data folder (Electron's userData). */
export function resolveDataDir(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (flag) return flag;
  if (env.BENCHTOP_HOME) return env.BENCHTOP_HOME;
  if (platform === 'win32')
    return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Benchtop');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Benchtop');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Benchtop');
}
