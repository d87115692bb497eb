import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { keyFingerprint, publicKeyFromPem } from '../store/event-codec';
import { AppError } from '../shared/errors';

// A unit's public key file (`changedesk key export`): what one department hands another on paper
// or a USB stick so that the other can add it as a peer. The fingerprint in it is a courtesy;
// the reader recomputes it from the key, and people compare it by phone before trusting it.

export const KEY_FILE_FORMAT = 'changedesk-unit-key';

const KeyFileSchema = z.object({
  format: z.literal(KEY_FILE_FORMAT),
  version: z.literal(1),
  unit: z.object({ code: z.string().min(1).max(64), name: z.string().min(1).max(120), kind: z.string().max(40).nullable() }),
  publicKeyPem: z.string().min(1).max(4096),
  fingerprint: z.string().optional(),
});

export interface PeerKey {
  unit: string;
  name: string;
  kind: string | null;
  publicKeyPem: string;
  fingerprint: string;
}

export function peerKeyFileText(k: PeerKey): string {
  return `${JSON.stringify(
    { format: KEY_FILE_FORMAT, version: 1, unit: { code: k.unit, name: k.name, kind: k.kind }, publicKeyPem: k.publicKeyPem, fingerprint: k.fingerprint },
    null,
    2,
  )}\n`;
}

export function readPeerKeyFile(path: string): PeerKey {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new AppError('KEY_FILE_UNREADABLE', `无法读取公钥文件「${path}」：${(e as Error).message}`);
  }
  let parsed: z.infer<typeof KeyFileSchema>;
  try {
    parsed = KeyFileSchema.parse(JSON.parse(text));
  } catch {
    throw new AppError('KEY_FILE_INVALID', `文件「${path}」不是 ChangeDesk 单位公钥文件（应由对方执行 changedesk key export 生成）。`);
  }
  let key;
  try {
    key = publicKeyFromPem(parsed.publicKeyPem);
  } catch {
    throw new AppError('KEY_FILE_INVALID', `公钥文件「${path}」中的公钥无法解析。`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new AppError('KEY_FILE_INVALID', `公钥文件「${path}」中的公钥不是 Ed25519 密钥。`);
  const publicKeyPem = key.export({ type: 'spki', format: 'pem' }).toString();
  return { unit: parsed.unit.code, name: parsed.unit.name, kind: parsed.unit.kind, publicKeyPem, fingerprint: keyFingerprint(publicKeyPem) };
}
