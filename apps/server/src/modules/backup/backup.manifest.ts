import canonicalize from 'canonicalize';
import { z } from 'zod';
import { hmacHex, safeEqual, type KeyRing } from '../../lib/crypto.js';
import { AuditCheckpointSchema } from '../audit/audit.checkpoint.js';

export const BACKUP_FORMAT = 'custodian-backup';
/** 2: the manifest is signed and carries an audit checkpoint; 1 (unsigned) is refused. */
export const BACKUP_FORMAT_VERSION = 2;
export const MANIFEST_FILE = 'manifest.json';
export const KEY_ENTRY = 'encryption.key';
export const TABLES_DIR = 'tables';
export const FILES_DIR = 'files';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** manifest.json: what the archive holds and how to check it. */
export const BackupManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT).describe('Marks a Custodian backup'),
  formatVersion: z
    .union([z.literal(1), z.literal(BACKUP_FORMAT_VERSION)])
    .describe('Layout version of the archive (1 is read only to refuse it as unsigned)'),
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
  auditCheckpoint: AuditCheckpointSchema.nullable()
    .optional()
    .describe('Signed audit chain head of the snapshot (null when the chain was empty)'),
  signature: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional()
    .describe('HMAC-SHA256 over the canonical JSON of every other field, with the backup key'),
});
export type BackupManifest = z.infer<typeof BackupManifestSchema>;

/**
 * HMAC-SHA256 of the manifest without its signature, under a key derived from the master
 * key (RFC 8785 canonical JSON, so key order and spacing do not matter). The manifest
 * holds every entry's SHA-256, so the signature covers the whole archive: recomputing a
 * checksum after editing a table file no longer passes without the key.
 */
export function signManifest(keys: KeyRing, manifest: BackupManifest): string {
  const { signature: _signature, ...body } = manifest;
  return hmacHex(keys.backupKey, canonicalize(body) ?? '');
}

/** Whether the manifest carries a signature and it is right under these keys. */
export function isManifestSigned(keys: KeyRing, manifest: BackupManifest): boolean {
  return manifest.signature !== undefined && safeEqual(manifest.signature, signManifest(keys, manifest));
}

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
