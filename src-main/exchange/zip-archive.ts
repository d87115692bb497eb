import { open as openFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { BundleError } from './bundle-error';
import type { BundleLimits } from './bundle-format';
import { collisionKey, decodeEntryName, entryNameProblem, nameProblemText } from './entry-names';

/** One checked entry of the central directory. */
export interface ZipEntryInfo {
  name: string;
  size: number;
  compressedSize: number;
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;
const UNIX_HOST = 3;
const LOCAL_HEADER_MIN = 30;

/**
 * A zip opened for reading with every structural check done on its central directory before
 * a single entry is inflated: entry count, names, symlinks, duplicates, sizes, compression
 * ratio and overlapping data (the classic zip-bomb tricks). yauzl reads by random access, so
 * memory stays flat however large the bundle.
 */
export class ZipArchive {
  private constructor(
    private readonly zip: ZipFile,
    private readonly raw: Map<string, Entry>,
    readonly entries: ReadonlyMap<string, ZipEntryInfo>,
  ) {}

  static async open(path: string, limits: BundleLimits): Promise<ZipArchive> {
    const label = path;
    await sniff(path, label);
    const zip = await new Promise<ZipFile>((resolve, reject) => {
      yauzl.open(path, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true }, (err, z) =>
        err ? reject(zipOpenError(err, label)) : resolve(z),
      );
    });
    try {
      if (zip.entryCount > limits.maxEntries) {
        throw new BundleError(
          'BUNDLE_TOO_MANY_ENTRIES',
          `交换包「${label}」含 ${zip.entryCount} 个条目，超过上限 ${limits.maxEntries}，疑似压缩炸弹，已拒绝。`,
          { entryCount: zip.entryCount },
        );
      }
      const list = await readCentralDirectory(zip, label);
      const { raw, infos } = checkEntries(list, limits, label);
      return new ZipArchive(zip, raw, infos);
    } catch (e) {
      zip.close();
      throw e;
    }
  }

  /** The inflated bytes of one entry; yauzl stops the stream if it runs past the declared size. */
  openEntry(name: string): Promise<Readable> {
    const entry = this.raw.get(name);
    if (!entry) return Promise.reject(new BundleError('BUNDLE_MISSING_ENTRY', `交换包中缺少「${name}」。`, { entry: name }));
    return new Promise((resolve, reject) => {
      this.zip.openReadStream(entry, (err, stream) => (err ? reject(zipReadError(err, name)) : resolve(stream)));
    });
  }

  /** The whole entry as bytes, refused if larger than `max`. */
  async readSmallEntry(name: string, max: number): Promise<Buffer> {
    const info = this.entries.get(name);
    if (info && info.size > max) {
      throw new BundleError('BUNDLE_ENTRY_TOO_LARGE', `交换包中「${name}」有 ${info.size} 字节，超过上限 ${max}。`, { entry: name });
    }
    const chunks: Buffer[] = [];
    let total = 0;
    const stream = await this.openEntry(name);
    try {
      for await (const chunk of stream) {
        total += (chunk as Buffer).length;
        if (total > max) throw new BundleError('BUNDLE_ENTRY_TOO_LARGE', `交换包中「${name}」超过上限 ${max} 字节。`, { entry: name });
        chunks.push(chunk as Buffer);
      }
    } catch (e) {
      throw e instanceof BundleError ? e : zipReadError(e as Error, name);
    }
    return Buffer.concat(chunks);
  }

  close(): void {
    this.zip.close();
  }
}

const ZIP_MAGIC = [0x50, 0x4b];

/** Tells "not a zip at all" from "a zip cut short" before yauzl gives its terse English errors. */
async function sniff(path: string, label: string): Promise<void> {
  let fh;
  try {
    fh = await openFile(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BundleError(
      'BUNDLE_NOT_FOUND',
      code === 'ENOENT' ? `找不到交换包文件「${label}」。` : `无法读取交换包文件「${label}」：${(e as Error).message}`,
    );
  }
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await fh.read(head, 0, 4, 0);
    if (bytesRead < 2 || head[0] !== ZIP_MAGIC[0] || head[1] !== ZIP_MAGIC[1]) {
      throw new BundleError('BUNDLE_NOT_ZIP', `文件「${label}」不是 ChangeDesk 交换包：它不是 zip 格式的文件。`);
    }
  } finally {
    await fh.close();
  }
}

function zipOpenError(err: Error, label: string): BundleError {
  if (/end of central directory record signature not found|unexpected EOF|file too short/i.test(err.message)) {
    return new BundleError(
      'BUNDLE_TRUNCATED',
      `交换包「${label}」不完整：找不到 zip 目录结尾，文件可能在复制或传输中被截断。请重新导出或重新复制。`,
    );
  }
  return new BundleError('BUNDLE_ZIP_CORRUPT', `交换包「${label}」的 zip 结构已损坏（${err.message}）。`);
}

function zipReadError(err: Error, name: string): BundleError {
  if (/too many bytes|too few bytes|size mismatch|exceeded|truncated|unexpected EOF|not enough data/i.test(err.message)) {
    return new BundleError('BUNDLE_FILE_SIZE', `交换包中「${name}」的实际大小与 zip 目录记载不符，文件已损坏或被改动（${err.message}）。`, {
      entry: name,
    });
  }
  return new BundleError('BUNDLE_ZIP_CORRUPT', `读取交换包中「${name}」失败，zip 数据已损坏（${err.message}）。`, { entry: name });
}

function readCentralDirectory(zip: ZipFile, label: string): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const list: Entry[] = [];
    zip.on('entry', (e: Entry) => {
      list.push(e);
      zip.readEntry();
    });
    zip.on('end', () => resolve(list));
    zip.on('error', (err: Error) => reject(zipOpenError(err, label)));
    zip.readEntry();
  });
}

function checkEntries(list: Entry[], limits: BundleLimits, label: string): { raw: Map<string, Entry>; infos: Map<string, ZipEntryInfo> } {
  const raw = new Map<string, Entry>();
  const infos = new Map<string, ZipEntryInfo>();
  const keys = new Map<string, string>();
  let total = 0;
  for (const e of list) {
    const name = decodeEntryName(e.fileNameRaw);
    const shown = name ?? e.fileNameRaw.toString('latin1');
    if (name === undefined) {
      throw new BundleError('BUNDLE_ENTRY_NAME', `交换包中的条目名「${shown}」不是有效的 UTF-8 文字，已拒绝。`, { entry: shown });
    }
    const problem = entryNameProblem(name);
    if (problem) {
      throw new BundleError('BUNDLE_ENTRY_NAME', `交换包中的条目名「${name}」${nameProblemText(problem)}，不安全，已拒绝。`, {
        entry: name,
        problem: problem.kind,
      });
    }
    const mode = (e.externalFileAttributes >>> 16) & 0xffff;
    if ((e.versionMadeBy >> 8) === UNIX_HOST && (mode & S_IFMT) === S_IFLNK) {
      throw new BundleError('BUNDLE_SYMLINK', `交换包中的条目「${name}」是符号链接，交换包不允许含链接，已拒绝。`, { entry: name });
    }
    if (name.endsWith('/') || ((e.versionMadeBy >> 8) === UNIX_HOST && mode !== 0 && (mode & S_IFMT) !== S_IFREG)) {
      throw new BundleError('BUNDLE_UNEXPECTED_ENTRY', `交换包中的条目「${name}」不是普通文件，已拒绝。`, { entry: name });
    }
    if (raw.has(name)) {
      throw new BundleError('BUNDLE_DUPLICATE_ENTRY', `交换包中条目名「${name}」出现了两次，已拒绝。`, { entry: name });
    }
    const key = collisionKey(name);
    const clash = keys.get(key);
    if (clash !== undefined) {
      throw new BundleError(
        'BUNDLE_DUPLICATE_ENTRY',
        `交换包中条目名「${clash}」与「${name}」在忽略大小写或 Unicode 规范化后相同，已拒绝。`,
        { entry: name, other: clash },
      );
    }
    if (e.isEncrypted() || (e.compressionMethod !== 0 && e.compressionMethod !== 8)) {
      throw new BundleError('BUNDLE_ZIP_CORRUPT', `交换包中的条目「${name}」使用了不支持的加密或压缩方式，已拒绝。`, { entry: name });
    }
    if (e.uncompressedSize > limits.maxEntryBytes) {
      throw new BundleError(
        'BUNDLE_ENTRY_TOO_LARGE',
        `交换包中的条目「${name}」解压后有 ${e.uncompressedSize} 字节，超过单个条目上限 ${limits.maxEntryBytes}，疑似压缩炸弹，已拒绝。`,
        { entry: name },
      );
    }
    if (e.uncompressedSize > limits.ratioFloorBytes && e.uncompressedSize > limits.maxCompressionRatio * Math.max(1, e.compressedSize)) {
      throw new BundleError(
        'BUNDLE_COMPRESSION_RATIO',
        `交换包中的条目「${name}」压缩比超过 ${limits.maxCompressionRatio}:1（${e.compressedSize} 字节解压为 ${e.uncompressedSize} 字节），疑似压缩炸弹，已拒绝。`,
        { entry: name },
      );
    }
    total += e.uncompressedSize;
    if (total > limits.maxTotalBytes) {
      throw new BundleError(
        'BUNDLE_TOO_LARGE',
        `交换包「${label}」解压后总大小超过上限 ${limits.maxTotalBytes} 字节，疑似压缩炸弹，已拒绝。`,
      );
    }
    keys.set(key, name);
    raw.set(name, e);
    infos.set(name, { name, size: e.uncompressedSize, compressedSize: e.compressedSize });
  }
  checkNoOverlap([...raw.entries()]);
  return { raw, infos };
}

/** Entries whose data overlap let a small file expand many times over (overlapping-file bombs). */
function checkNoOverlap(entries: Array<[string, Entry]>): void {
  const sorted = [...entries].sort((a, b) => a[1].relativeOffsetOfLocalHeader - b[1].relativeOffsetOfLocalHeader);
  for (let i = 1; i < sorted.length; i++) {
    const [prevName, prev] = sorted[i - 1]!;
    const [name, cur] = sorted[i]!;
    const prevEnd = prev.relativeOffsetOfLocalHeader + LOCAL_HEADER_MIN + prev.fileNameLength + prev.compressedSize;
    if (prevEnd > cur.relativeOffsetOfLocalHeader) {
      throw new BundleError('BUNDLE_ZIP_CORRUPT', `交换包中条目「${prevName}」与「${name}」的数据重叠，疑似压缩炸弹，已拒绝。`, {
        entry: name,
      });
    }
  }
}
