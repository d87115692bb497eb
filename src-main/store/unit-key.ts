import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { AppError } from '../shared/errors';
import { privateKeyFromPem } from './event-codec';

/** The unit's Ed25519 private key, in the data folder, readable by its owner only. */
export const UNIT_KEY_FILE = 'unit-key.pem';

export function unitKeyPath(dataDir: string): string {
  return join(dataDir, UNIT_KEY_FILE);
}

export function writeUnitKey(dataDir: string, privateKeyPem: string): void {
  const file = unitKeyPath(dataDir);
  writeFileSync(file, privateKeyPem, { mode: 0o600 });
  // The mode of writeFileSync is filtered by the umask and ignored for an existing file.
  chmodSync(file, 0o600);
}

export function hasUnitKey(dataDir: string): boolean {
  return existsSync(unitKeyPath(dataDir));
}

export function readUnitKey(dataDir: string): { privateKey: KeyObject; publicKeyPem: string } {
  const file = unitKeyPath(dataDir);
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (e) {
    throw new AppError('UNIT_KEY_MISSING', `找不到本终端的签名私钥文件 ${file}（${(e as Error).message}），无法签名记录。请从备份恢复该文件。`);
  }
  const privateKey = privateKeyFromPem(pem);
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return { privateKey, publicKeyPem };
}
