import fs from "node:fs";
import path from "node:path";

export class DatabaseLockedError extends Error {}

export interface DirLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite does not lock its folder, and two processes on one folder lose writes.
 * An exclusive-create lock file holding our pid makes a second process refuse to open it;
 * a lock left by a process that no longer runs is taken over.
 */
export function acquireDirLock(dataDir: string): DirLock {
  const file = path.join(path.resolve(dataDir), ".samhallsforum.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, "wx");
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, "utf8") === String(process.pid)) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once("exit", release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number.parseInt(fs.readFileSync(file, "utf8"), 10);
      if (Number.isInteger(holder) && isAlive(holder)) {
        throw new DatabaseLockedError(
          `Databasmappen ${path.resolve(dataDir)} används redan av en annan process (pid ${holder}). ` +
            `Stoppa den processen eller ange en annan mapp med DATA_DIR.`,
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new DatabaseLockedError(`Kunde inte låsa databasmappen ${path.resolve(dataDir)}.`);
}
