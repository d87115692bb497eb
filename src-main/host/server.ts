import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Dispatcher } from '../services';
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
