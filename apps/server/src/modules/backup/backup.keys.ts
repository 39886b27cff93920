import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../errors.js';
import { keyRingFrom, type KeyRing } from '../../lib/crypto.js';
import { isManifestSigned, KEY_ENTRY, type BackupManifest } from './backup.manifest.js';
import type { BackupDeps } from './backup.service.js';

/**
 * How the manifest's signature was checked: with the current key (`verified`), with the
 * key the archive itself carries (`included_key`: proves the file is intact, not who made
 * it), or not at all (`unchecked`: another key, restored with --ignore-key-mismatch).
 */
export type SignatureCheck = 'verified' | 'included_key' | 'unchecked';

function invalid(reason: string): AppError {
  return new AppError('BACKUP_INVALID', { reason });
}

/** Refuses an unsigned manifest, or one whose signature these keys do not reproduce. */
function requireSignature(keys: KeyRing, manifest: BackupManifest): void {
  if (manifest.signature === undefined) {
    throw new AppError('BACKUP_SIGNATURE_INVALID', {
      reason: 'the manifest is not signed (an older backup format, or the signature was removed)',
    });
  }
  if (!isManifestSigned(keys, manifest)) {
    throw new AppError('BACKUP_SIGNATURE_INVALID', {
      reason: 'the manifest signature does not match: the backup was altered after it was made',
    });
  }
}

/**
 * The key ring to restore under, the key to install when the archive carries one, and how
 * the signature was checked. A backup made with another key is refused unless it carries
 * its key and nothing is there to overwrite (an empty database), or the caller passed
 * `ignoreKeyMismatch`: whoever can alter such an archive can also swap the key inside.
 */
export async function resolveRestoreKeys(
  deps: BackupDeps,
  options: { dir: string; manifest: BackupManifest; ignoreKeyMismatch: boolean; hasData: boolean },
): Promise<{ keys: KeyRing; install: string | null; signature: SignatureCheck }> {
  const { manifest } = options;
  if (manifest.keyFingerprint === deps.keys.fingerprint) {
    requireSignature(deps.keys, manifest);
    return { keys: deps.keys, install: null, signature: 'verified' };
  }
  if (manifest.includesKey && !deps.config.ENCRYPTION_KEY && (!options.hasData || options.ignoreKeyMismatch)) {
    const text = (await readFile(join(options.dir, KEY_ENTRY), 'utf8')).trim();
    let ring: KeyRing;
    try {
      ring = keyRingFrom(Buffer.from(text, 'base64'));
    } catch {
      throw invalid('the included encryption key is malformed');
    }
    if (ring.fingerprint !== manifest.keyFingerprint) {
      throw invalid('the included encryption key does not match the manifest');
    }
    requireSignature(ring, manifest);
    return { keys: ring, install: text, signature: 'included_key' };
  }
  if (!options.ignoreKeyMismatch) {
    throw new AppError('BACKUP_KEY_MISMATCH', { backup: manifest.keyFingerprint, current: deps.keys.fingerprint });
  }
  return { keys: deps.keys, install: null, signature: 'unchecked' };
}
