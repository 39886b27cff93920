import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileNotFoundError, FileTooLargeError, isFileKey, LocalFileStore, newFileKey } from './file-store.js';

async function* chunks(parts: (string | Uint8Array)[], pulled?: { count: number }) {
  for (const part of parts) {
    if (pulled) {
      pulled.count += 1;
    }
    yield typeof part === 'string' ? Buffer.from(part) : part;
  }
}

/** Every file under a directory, relative, with forward slashes. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
}

describe('LocalFileStore', () => {
  let root: string;
  let store: LocalFileStore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'custodian-file-store-'));
    store = new LocalFileStore(root);
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('stores a stream under a random sharded key with its size and SHA-256, and reads it back', async () => {
    const content = '第一段\n'.repeat(10_000);
    const stored = await store.put(chunks([content.slice(0, 7), content.slice(7)]));
    expect(stored.size).toBe(Buffer.byteLength(content));
    expect(stored.sha256).toBe(createHash('sha256').update(content).digest('hex'));
    expect(isFileKey(stored.key)).toBe(true);
    const [a, b, id] = stored.key.split('/');
    expect(id?.startsWith(`${a}${b}`)).toBe(true);

    expect(await filesUnder(root)).toEqual([join(a ?? '', b ?? '', id ?? '')]);
    const info = await stat(join(root, stored.key));
    expect(info.mode & 0o777).toBe(0o600);
    expect(await store.exists(stored.key)).toBe(true);
    expect(await text(await store.open(stored.key))).toBe(content);
  });

  it('never reuses a key, even for identical content', async () => {
    const first = await store.put(chunks(['same']));
    const second = await store.put(chunks(['same']));
    expect(first.key).not.toBe(second.key);
    expect(first.sha256).toBe(second.sha256);
  });

  it('accepts exactly maxBytes and refuses one byte more, stopping the read and leaving nothing behind', async () => {
    const ok = await store.put(chunks(['12345', '67890']), { maxBytes: 10 });
    expect(ok.size).toBe(10);

    const pulled = { count: 0 };
    const many = Array.from({ length: 100 }, () => 'x'.repeat(4));
    await expect(store.put(chunks(many, pulled), { maxBytes: 10 })).rejects.toBeInstanceOf(FileTooLargeError);
    // Reading stops at the chunk that crosses the limit.
    expect(pulled.count).toBeLessThan(10);
    expect(await filesUnder(root)).toEqual([ok.key.split('/').join('/')]);
    expect(await readdir(join(root, '.tmp'))).toEqual([]);
  });

  it('leaves nothing behind when the source fails halfway', async () => {
    async function* failing() {
      yield Buffer.from('partial');
      throw new Error('connection reset');
    }
    await expect(store.put(failing())).rejects.toThrow('connection reset');
    expect(await filesUnder(root)).toEqual([]);
  });

  it('stores an empty stream as a zero-byte object', async () => {
    const stored = await store.put(chunks([]));
    expect(stored.size).toBe(0);
    expect(stored.sha256).toBe(createHash('sha256').digest('hex'));
  });

  it('reports missing objects and deletes idempotently', async () => {
    const stored = await store.put(chunks(['bye']));
    await store.delete(stored.key);
    expect(await store.exists(stored.key)).toBe(false);
    await expect(store.open(stored.key)).rejects.toBeInstanceOf(FileNotFoundError);
    await expect(store.delete(stored.key)).resolves.toBeUndefined();
    await expect(store.open(newFileKey())).rejects.toBeInstanceOf(FileNotFoundError);
  });

  it('refuses any key that is not its own hexadecimal form, so no path can escape the root', async () => {
    const outside = join(root, '..', 'outside.txt');
    await writeFile(outside, 'secret');
    try {
      const bad = [
        '../outside.txt',
        '../../etc/passwd',
        '/etc/passwd',
        'aa/bb/../../../outside.txt',
        'AA/BB/AABB0000000000000000000000000000',
        'aa/bb/cc000000000000000000000000000000',
        'aa\\bb\\aabb0000000000000000000000000000',
        '',
      ];
      for (const key of bad) {
        expect(isFileKey(key), key).toBe(false);
        await expect(store.open(key), key).rejects.toBeInstanceOf(TypeError);
        await expect(store.exists(key), key).rejects.toBeInstanceOf(TypeError);
        await expect(store.delete(key), key).rejects.toBeInstanceOf(TypeError);
      }
      expect((await stat(outside)).isFile()).toBe(true);
    } finally {
      await rm(outside, { force: true });
    }
  });

  it('sweeps temporary files left by a crash, but not ones still being written', async () => {
    await store.put(chunks(['warm-up']));
    const stale = join(root, '.tmp', 'stale.part');
    const fresh = join(root, '.tmp', 'fresh.part');
    await writeFile(stale, 'old');
    await writeFile(fresh, 'new');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    await utimes(stale, twoDaysAgo, twoDaysAgo);
    expect(await store.sweepTemp(Date.now() - 24 * 60 * 60 * 1000)).toBe(1);
    expect(await readdir(join(root, '.tmp'))).toEqual(['fresh.part']);
  });
});
