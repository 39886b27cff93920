import { z } from 'zod';

export const BACKUP_FORMAT = 'custodian-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
export const KEY_ENTRY = 'encryption.key';
export const TABLES_DIR = 'tables';
export const FILES_DIR = 'files';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** manifest.json: what the archive holds and how to check it. */
export const BackupManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT).describe('Marks a Custodian backup'),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION).describe('Layout version of the archive'),
  appVersion: z.string().describe('Custodian version that wrote it'),
  createdAt: z.iso.datetime().describe('When the snapshot was taken'),
  driver: z.enum(['pglite', 'postgres']).describe('Database it was taken from'),
  migration: z
    .object({ hash: z.string().describe('Latest applied migration'), createdAt: z.number().describe('Its timestamp') })
    .nullable()
    .describe('Schema level of the snapshot'),
  keyFingerprint: z.string().describe('Fingerprint of the encryption key in use'),
  includesKey: z.boolean().describe('Whether the key itself is in the archive (the file is then secret)'),
  tables: z
    .array(
      z.object({
        name: z.string().describe('Table'),
        file: z.string().describe('JSON-lines file with one row per line'),
        rows: z.number().int().min(0).describe('Row count'),
      }),
    )
    .describe('Tables in restore order'),
  entries: z
    .record(z.string(), z.object({ sha256, size: z.number().int().min(0) }))
    .describe('SHA-256 and size of every other entry'),
});
export type BackupManifest = z.infer<typeof BackupManifestSchema>;

/**
 * Why an archive entry name is unacceptable, or null when it is fine. Absolute paths,
 * `..` segments, backslashes and anything outside the known layout are refused, so a
 * crafted archive cannot write outside the extraction directory.
 */
export function entryPathProblem(path: string, type: string): string | null {
  const clean = path.replace(/\/+$/, '');
  if (clean.startsWith('/') || /^[A-Za-z]:/.test(clean)) {
    return `absolute path ${JSON.stringify(path)}`;
  }
  const segments = clean.split('/');
  if (clean.includes('\\') || segments.some((s) => s === '..' || s === '.' || s === '')) {
    return `unsafe path ${JSON.stringify(path)}`;
  }
  if (type !== 'File' && type !== 'OldFile' && type !== 'Directory') {
    return `entry ${JSON.stringify(path)} is a ${type}, not a file`;
  }
  const top = segments[0] ?? '';
  if (![MANIFEST_FILE, KEY_ENTRY, TABLES_DIR, FILES_DIR].includes(top)) {
    return `unexpected entry ${JSON.stringify(path)}`;
  }
  return null;
}
