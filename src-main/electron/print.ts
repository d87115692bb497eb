import { randomUUID } from 'node:crypto';
import { SECURITY_HEADERS } from '../host/security-headers';
import { APP_ORIGIN } from './protocol';

const PRINT_PATH = /^\/__print\/([0-9a-f-]{36})\.pdf$/;

/**
 * PDFs waiting to be shown for printing, served from memory at app://changedesk/__print/<id>.pdf
 * (never written to a temporary file that could be left behind), until their window closes.
 */
export class PrintJobs {
  private readonly jobs = new Map<string, Uint8Array>();

  add(bytes: Uint8Array): { id: string; url: string } {
    const id = randomUUID();
    this.jobs.set(id, bytes);
    return { id, url: `${APP_ORIGIN}/__print/${id}.pdf` };
  }

  remove(id: string): void {
    this.jobs.delete(id);
  }

  get size(): number {
    return this.jobs.size;
  }

  /** The app:// route for the protocol handler. */
  readonly route = (pathname: string): Response | undefined => {
    const m = PRINT_PATH.exec(pathname);
    if (!m) return undefined;
    const bytes = m[1] ? this.jobs.get(m[1]) : undefined;
    if (!bytes) return new Response('该打印文件已关闭。', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    // No CSP here: it would stop the PDF viewer's own frame; the document is a PDF, not a page.
    return new Response(Buffer.from(bytes), {
      status: 200,
      headers: { 'Content-Type': 'application/pdf', 'X-Content-Type-Options': SECURITY_HEADERS['X-Content-Type-Options'] ?? 'nosniff' },
    });
  };
}
