import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Dispatcher } from '../services';
import type { ApiResult } from '../shared/errors';
import type { DownloadTicket, UploadTicket } from '../shared/schemas/transfer';
import { SECURITY_HEADERS } from './security-headers';
import { readStatic } from './static-files';

export interface HostOptions {
  /** 0 picks a free port. */
  port: number;
  /** The per-launch secret; random when not given (scripts pass --token). */
  token?: string;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes?: number;
}

export interface RunningHost {
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const CLIENT_COOKIE = 'cd_client';
const TOKEN_HEADER = 'x-changedesk-token';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookies(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

function send(res: ServerResponse, status: number, body: string | Buffer, contentType: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.destroy();
        resolve('too-large');
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * POST /upload?name=<file name>: the services say whether this user may upload and where (inside
 * the data folder, transfer:upload); the body is streamed there under a temporary name, no
 * more bytes than announced, then renamed. The answer is the path to import.
 */
async function receiveUpload(services: Dispatcher, req: IncomingMessage, url: URL, channel: string): Promise<ApiResult<unknown>> {
  const size = Number(req.headers['content-length']);
  if (!Number.isSafeInteger(size) || size <= 0) return { ok: false, error: { code: 'LENGTH', message: '上传须注明文件大小（Content-Length）。' } };
  const ticket = await services.dispatch('transfer:upload', { name: url.searchParams.get('name') ?? 'bundle', size }, { door: 'http', channel });
  if (!ticket.ok) {
    req.resume();
    return ticket;
  }
  const { path, maxBytes } = ticket.value as UploadTicket;
  const part = `${path}.part`;
  let received = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      received += chunk.length;
      done(received > maxBytes ? new Error('too-large') : null, chunk);
    },
  });
  try {
    await pipeline(req, cap, createWriteStream(part, { flags: 'wx' }));
    if (received !== size) throw new Error('short');
    await rename(part, path);
  } catch (e) {
    await rm(part, { force: true });
    const large = (e as Error).message === 'too-large';
    return { ok: false, error: { code: large ? 'TOO_LARGE' : 'UPLOAD_BROKEN', message: large ? '上传内容超过了注明的大小。' : '上传中断，文件不完整，请重新上传。' } };
  }
  return { ok: true, value: { path, size } };
}

/** GET /download/<job id>: a bundle an export job left in the data folder for this user (transfer:download). */
async function sendDownload(services: Dispatcher, res: ServerResponse, jobId: string, channel: string): Promise<void> {
  const ticket = await services.dispatch('transfer:download', { jobId: decodeURIComponent(jobId) }, { door: 'http', channel });
  if (!ticket.ok) return sendJson(res, 404, ticket);
  const { path, name } = ticket.value as DownloadTicket;
  const size = (await stat(path)).size;
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/octet-stream',
    'Content-Length': String(size),
    'Content-Disposition': `attachment; filename="bundle.cdbundle"; filename*=UTF-8''${encodeURIComponent(name)}`,
    'Cache-Control': 'no-store',
  });
  await pipeline(createReadStream(path), res);
}

/**
 * The browser host: the built renderer and every contract call as POST /api/<call>, on
 * 127.0.0.1 only. A browser proves it was given the printed URL (which carries the per-launch
 * token) and then gets its own client cookie; scripts send the token in a header instead.
 */
export async function startHost(services: Dispatcher, options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const clients = new Set<string>();
  const maxBody = options.maxBodyBytes ?? 256 * 1024 * 1024;
  let origin = '';
  let allowedHosts: string[] = [];

  /** The caller's channel, or undefined when it has not proven it holds the token. */
  function channelOf(req: IncomingMessage): string | undefined {
    const header = req.headers[TOKEN_HEADER];
    if (typeof header === 'string' && sameSecret(header, token)) return 'http:token';
    const client = cookies(req)[CLIENT_COOKIE];
    if (client && clients.has(client)) return `http:${client}`;
    return undefined;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS-rebinding guard: only our own host names.
    if (!allowedHosts.includes(req.headers.host ?? '')) return send(res, 421, '主机名不被接受。', 'text/plain; charset=utf-8');
    const url = new URL(req.url ?? '/', origin);

    if (url.pathname === '/upload' || url.pathname.startsWith('/download/')) {
      const channel = channelOf(req);
      if (!channel) return sendJson(res, 401, { ok: false, error: { code: 'TOKEN', message: '缺少或错误的访问令牌，请使用启动时打印的地址打开。' } });
      if (url.pathname === '/upload') {
        if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'METHOD', message: '上传只接受 POST 请求。' } });
        // A cross-site page cannot send this: an upload must come from our own origin, as a raw body.
        if (req.headers.origin !== origin) return sendJson(res, 403, { ok: false, error: { code: 'ORIGIN', message: `拒绝来自 ${req.headers.origin ?? '未知来源'} 的上传。` } });
        if (req.headers['content-type'] !== 'application/octet-stream') {
          return sendJson(res, 415, { ok: false, error: { code: 'CONTENT_TYPE', message: '上传内容须为 application/octet-stream。' } });
        }
        return sendJson(res, 200, await receiveUpload(services, req, url, channel));
      }
      if (req.method !== 'GET') return send(res, 405, '不支持的请求方法。', 'text/plain; charset=utf-8');
      return sendDownload(services, res, url.pathname.slice('/download/'.length), channel);
    }

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'METHOD', message: '接口只接受 POST 请求。' } });
      const reqOrigin = req.headers.origin;
      if (reqOrigin !== undefined && reqOrigin !== origin) {
        return sendJson(res, 403, { ok: false, error: { code: 'ORIGIN', message: `拒绝来自 ${reqOrigin} 的请求。` } });
      }
      const channel = channelOf(req);
      if (!channel) return sendJson(res, 401, { ok: false, error: { code: 'TOKEN', message: '缺少或错误的访问令牌，请使用启动时打印的地址打开。' } });
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return sendJson(res, 415, { ok: false, error: { code: 'CONTENT_TYPE', message: '请求内容须为 JSON。' } });
      }
      const body = await readBody(req, maxBody);
      if (body === 'too-large') return sendJson(res, 413, { ok: false, error: { code: 'TOO_LARGE', message: '请求内容过大。' } });
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        return sendJson(res, 400, { ok: false, error: { code: 'BAD_JSON', message: '请求内容不是有效的 JSON。' } });
      }
      const name = decodeURIComponent(url.pathname.slice('/api/'.length));
      return sendJson(res, 200, await services.dispatch(name, input, { door: 'http', channel }));
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, '不支持的请求方法。', 'text/plain; charset=utf-8');

    const offered = url.searchParams.get('token');
    if (offered !== null) {
      if (!sameSecret(offered, token)) return send(res, 401, '访问令牌错误。', 'text/plain; charset=utf-8');
      const client = randomBytes(24).toString('base64url');
      clients.add(client);
      res.writeHead(302, {
        ...SECURITY_HEADERS,
        Location: '/',
        'Set-Cookie': `${CLIENT_COOKIE}=${client}; HttpOnly; SameSite=Strict; Path=/`,
        'Cache-Control': 'no-store',
      });
      return void res.end();
    }
    if (!channelOf(req)) {
      return send(
        res,
        401,
        '<!doctype html><meta charset="utf-8"><title>ChangeDesk</title><p>请使用 ChangeDesk 启动时打印的完整地址（含访问令牌）打开本页面。</p>',
        'text/html; charset=utf-8',
      );
    }
    const file = (await readStatic(options.rendererDir, url.pathname)) ?? (await readStatic(options.rendererDir, '/index.html'));
    if (!file) return send(res, 500, '界面文件缺失，请先运行 npm run build。', 'text/plain; charset=utf-8');
    const cache = url.pathname.startsWith('/assets/') ? 'private, max-age=31536000, immutable' : 'no-store';
    send(res, 200, req.method === 'HEAD' ? '' : file.body, file.contentType, { 'Cache-Control': cache });
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: `宿主内部错误：${(e as Error).message}` } });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
