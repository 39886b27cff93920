import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { chmod, readdir, rename, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { create, extract, ReadEntry } from 'tar';
import { AppError } from '../../errors.js';
import { entryPathProblem } from './backup.manifest.js';

export type Digest = { sha256: string; size: number; lines: number };

/** SHA-256, size and newline count of a file, read as a stream. */
export async function digestFile(path: string): Promise<Digest> {
  const hash = createHash('sha256');
  let size = 0;
  let lines = 0;
  for await (const chunk of createReadStream(path)) {
    const buf = chunk as Buffer;
    hash.update(buf);
    size += buf.length;
    for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) {
      lines += 1;
    }
  }
  return { sha256: hash.digest('hex'), size, lines };
}

/** Every regular file under a directory, as paths relative to `base` with forward slashes. */
export async function listFiles(dir: string, base: string): Promise<string[]> {
  if (!existsSync(dir)) {
    return [];
  }
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      found.push(relative(base, join(entry.parentPath, entry.name)).split('\\').join('/'));
    }
  }
  return found.sort();
}

/** Packs the staging directory into a gzip'd tar, written atomically with mode 0600. */
export async function writeArchive(options: { staging: string; file: string; entries: string[] }): Promise<void> {
  const partial = `${options.file}.partial`;
  try {
    await create({ gzip: true, file: partial, cwd: options.staging, portable: true }, options.entries);
    await chmod(partial, 0o600);
    await rename(partial, options.file);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
}

function invalid(reason: string): AppError {
  return new AppError('BACKUP_INVALID', { reason });
}

/**
 * Extracts an archive into an empty directory, refusing absolute paths, `..`, links and
 * unknown entries. A truncated or corrupted archive fails here with BACKUP_INVALID.
 */
export async function extractArchive(file: string, dest: string): Promise<void> {
  if (!existsSync(file)) {
    throw invalid(`file not found: ${file}`);
  }
  const problems: string[] = [];
  try {
    await extract({
      file,
      cwd: dest,
      strict: true,
      preserveOwner: false,
      filter: (path, entry) => {
        const type = entry instanceof ReadEntry ? entry.type : 'File';
        const problem = entryPathProblem(path, type);
        if (problem) {
          problems.push(problem);
          return false;
        }
        return true;
      },
    });
  } catch (err) {
    throw invalid(`cannot read the archive: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (problems.length > 0) {
    throw invalid(problems.slice(0, 3).join('; '));
  }
}
