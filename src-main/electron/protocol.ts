import { readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { CustomScheme } from 'electron';
import { SECURITY_HEADERS } from '../host/security-headers';
import { contentTypeFor } from '../host/static-files';

// The renderer is served from app://changedesk/ rather than file:// (Electron security
// checklist §18): a file:// page may read any file on disk and shares its origin with every
// other file; app:// is an origin of its own that can only ever see out/renderer.
export const APP_SCHEME = 'app';
export const APP_HOST = 'changedesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Registered before `ready`: standard (real origin, relative URLs), secure (like https). */
export const APP_SCHEME_DEFINITION: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: true,
    codeCache: true,
    bypassCSP: false,
    allowServiceWorkers: false,
    corsEnabled: false,
    stream: false,
  },
};

/** Answers a path itself (e.g. a PDF being printed), or leaves it to the files of the renderer. */
export type ExtraRoute = (pathname: string) => Response | undefined;

/**
 * The file below `root` that a URL path names, or undefined when the path tries to leave it:
 * `..` segments (also percent-encoded), backslashes, NUL and absolute paths are refused
 * outright rather than normalised into something else.
 */
export function resolveAppPath(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.' || /^[a-zA-Z]:$/.test(s))) return undefined;
  const base = resolve(root);
  const full = resolve(base, ...(segments.length ? segments : ['index.html']));
  const rel = relative(base, full);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return full;
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** The handler of `app://` for `protocol.handle`: GET/HEAD of the built renderer, nothing else. */
export function createAppProtocolHandler(rendererDir: string, extraRoute?: ExtraRoute): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, '不支持的请求方法。');
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return plain(400, '地址无效。');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return plain(404, '找不到该地址。');
    const extra = extraRoute?.(url.pathname);
    if (extra) return extra;
    const file = resolveAppPath(rendererDir, url.pathname);
    if (!file) return plain(403, '拒绝访问程序目录以外的文件。');
    try {
      // A link inside out/renderer must not lead outside it either.
      const [real, realRoot] = await Promise.all([realpath(file), realpath(rendererDir)]);
      const rel = relative(realRoot, real);
      if (rel.startsWith('..') || isAbsolute(rel)) return plain(403, '拒绝访问程序目录以外的文件。');
      if (!(await stat(real)).isFile()) return plain(404, '找不到该文件。');
      const body = request.method === 'HEAD' ? null : await readFile(real);
      return new Response(body, { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeFor(real) } });
    } catch {
      return plain(404, '找不到该文件。');
    }
  };
}
