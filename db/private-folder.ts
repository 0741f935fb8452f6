// The embedded database's folder holds password hashes and the generated secrets: only the account running the
// server may read it. Folders 0700, files 0600, applied on every start so that a folder made by an older version
// (or copied with loose modes) is fixed too. Not server-only: scripts and tests open data folders as well.
import fs from "node:fs";
import path from "node:path";

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates the folder (and parents) if missing, and makes it private. */
export function ensurePrivateFolder(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  fs.chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Makes the folder and everything under it private (symbolic links are left alone, never followed). */
export function makeFolderPrivate(dir: string): void {
  const walk = (current: string) => {
    fs.chmodSync(current, PRIVATE_DIR_MODE);
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) fs.chmodSync(full, PRIVATE_FILE_MODE);
    }
  };
  walk(dir);
}

/** Makes one file private if it exists with looser modes. */
export function makeFilePrivate(file: string): void {
  try {
    if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, PRIVATE_FILE_MODE);
  } catch {
    /* missing: nothing to fix */
  }
}
