import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { systemClock, type Clock } from './clock.js';

/** What a store reports about an object it has written. */
export type StoredFile = {
  /** Random, store-chosen name of the object; never derived from user input. */
  key: string;
  size: number;
  /** SHA-256 of the bytes, lower-case hex, computed while they were written. */
  sha256: string;
};

export type PutOptions = {
  /** Stop reading and discard the object as soon as it grows past this many bytes. */
  maxBytes?: number;
};

/**
 * Where attachment bytes live. Objects are written once under a random key and never
 * changed; the interface speaks only of byte streams and keys, so an S3-compatible store
 * can implement it without the callers noticing.
 */
export type FileStore = {
  /**
   * Writes a stream under a new key, hashing it on the way. The object becomes visible
   * whole or not at all: on any error (including FileTooLargeError) nothing is left behind.
   */
  put(source: AsyncIterable<Uint8Array>, options?: PutOptions): Promise<StoredFile>;
  /** Opens an object for reading; FileNotFoundError when there is none under the key. */
  open(key: string): Promise<Readable>;
  /** Removes an object; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
};

/** The source grew past `maxBytes`; the partial object has been discarded. */
export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`file exceeds ${maxBytes} bytes`);
    this.name = 'FileTooLargeError';
  }
}

/** No object under the key. */
export class FileNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`no stored file under ${key}`);
    this.name = 'FileNotFoundError';
  }
}

/** Keys look like `3f/a2/3fa2…` (32 hex digits, sharded by the first two pairs). */
const KEY_PATTERN = /^([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{32})$/;
const TEMP_DIR = '.tmp';
/** Temporary files older than this are leftovers of a crash and are swept. */
const STALE_TEMP_MS = 24 * 60 * 60 * 1000;

/** A new random key; 128 bits, so collisions are not a concern. */
export function newFileKey(): string {
  const id = randomBytes(16).toString('hex');
  return `${id.slice(0, 2)}/${id.slice(2, 4)}/${id}`;
}

/** Whether a string is a well-formed key (and so can only name a file inside the store). */
export function isFileKey(key: string): boolean {
  const match = KEY_PATTERN.exec(key);
  return match !== null && match[3]?.startsWith(`${match[1]}${match[2]}`) === true;
}

function isErrnoCode(err: unknown, code: string): boolean {
  return err instanceof Error && (err as NodeJS.ErrnoException).code === code;
}

/**
 * Stores objects as files under one root directory (DATA_DIR/files by default, which
 * backups include). A key maps to `root/aa/bb/<32 hex>`; since keys are checked against a
 * fixed hexadecimal pattern, no key can name a path outside the root. Writes go to
 * `root/.tmp` first and are renamed into place, which is atomic within one file system.
 */
export class LocalFileStore implements FileStore {
  private swept = false;

  /**
   * `clock` dates the sweep of stale temporary files against their modification times, which
   * the file system stamps with the machine's time; so it is the system clock, not the app's.
   */
  constructor(
    readonly root: string,
    private readonly clock: Clock = systemClock,
  ) {}

  private pathOf(key: string): string {
    if (!isFileKey(key)) {
      throw new TypeError('invalid file key');
    }
    return join(this.root, ...key.split('/'));
  }

  async put(source: AsyncIterable<Uint8Array>, options: PutOptions = {}): Promise<StoredFile> {
    const tempDir = join(this.root, TEMP_DIR);
    await mkdir(tempDir, { recursive: true, mode: 0o700 });
    if (!this.swept) {
      this.swept = true;
      await this.sweepTemp(this.clock.now().getTime() - STALE_TEMP_MS);
    }
    const key = newFileKey();
    const temp = join(tempDir, `${key.slice(6)}.part`);
    const hash = createHash('sha256');
    let size = 0;
    const { maxBytes } = options;
    let placed = false;
    try {
      await pipeline(
        source,
        async function* measure(chunks: AsyncIterable<Uint8Array>) {
          for await (const chunk of chunks) {
            size += chunk.byteLength;
            if (maxBytes !== undefined && size > maxBytes) {
              throw new FileTooLargeError(maxBytes);
            }
            hash.update(chunk);
            yield chunk;
          }
        },
        // `flush` syncs to disk before closing, so a crash cannot leave a truncated object.
        createWriteStream(temp, { flags: 'wx', mode: 0o600, flush: true }),
      );
      const target = this.pathOf(key);
      await mkdir(dirname(target), { recursive: true, mode: 0o700 });
      await rename(temp, target);
      placed = true;
      return { key, size, sha256: hash.digest('hex') };
    } finally {
      if (!placed) {
        await rm(temp, { force: true });
      }
    }
  }

  async open(key: string): Promise<Readable> {
    try {
      // Opened eagerly, so a missing file shows here and not halfway through a response.
      const handle = await open(this.pathOf(key), 'r');
      return handle.createReadStream();
    } catch (err) {
      if (isErrnoCode(err, 'ENOENT')) {
        throw new FileNotFoundError(key);
      }
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (err) {
      if (isErrnoCode(err, 'ENOENT')) {
        return false;
      }
      throw err;
    }
  }

  /** Removes temporary files last changed before `before` (epoch ms): leftovers of a crash. */
  async sweepTemp(before: number): Promise<number> {
    const tempDir = join(this.root, TEMP_DIR);
    let removed = 0;
    let names: string[];
    try {
      names = await readdir(tempDir);
    } catch (err) {
      if (isErrnoCode(err, 'ENOENT')) {
        return 0;
      }
      throw err;
    }
    for (const name of names) {
      const path = join(tempDir, name);
      const info = await stat(path).catch(() => null);
      if (info?.isFile() && info.mtimeMs < before) {
        await rm(path, { force: true });
        removed += 1;
      }
    }
    return removed;
  }
}

const localStores = new Map<string, LocalFileStore>();

/** The local store for a root directory, one instance per root. */
export function localFileStore(root: string): LocalFileStore {
  let store = localStores.get(root);
  if (!store) {
    store = new LocalFileStore(root);
    localStores.set(root, store);
  }
  return store;
}
