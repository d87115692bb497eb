import { LeftOutlined, RightOutlined, ZoomInOutlined, ZoomOutOutlined, ColumnWidthOutlined } from '@ant-design/icons';
import { Alert, Button, InputNumber, Space, Spin, Tooltip, Typography } from 'antd';
import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy, type RenderTask } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';

// The PDF drawn by pdf.js inside the program: no browser PDF plugin (headless Chromium and some
// terminals have none), no network (the worker is a file of this build, eval is off).
GlobalWorkerOptions.workerSrc = workerUrl;

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3] as const;
const MIN_ZOOM = ZOOMS[0];
const MAX_ZOOM = ZOOMS[ZOOMS.length - 1] as number;

/** Opens a PDF's bytes with pdf.js; the document is destroyed when the bytes change or the viewer closes. */
export function usePdfDocument(bytes: Uint8Array): { doc: PDFDocumentProxy | undefined; error: string | undefined } {
  const [state, setState] = useState<{ doc?: PDFDocumentProxy; error?: string; of?: Uint8Array }>({});
  useEffect(() => {
    // pdf.js takes ownership of the buffer it is given: hand it a copy.
    const task = getDocument({ data: bytes.slice(), isEvalSupported: false, useSystemFonts: false, enableXfa: false, stopAtErrors: false });
    let live = true;
    task.promise.then(
      (doc) => live && setState({ doc, of: bytes }),
      (e: unknown) => live && setState({ error: `无法显示该 PDF：${e instanceof Error ? e.message : String(e)}`, of: bytes }),
    );
    return () => {
      live = false;
      void task.destroy();
    };
  }, [bytes]);
  return state.of === bytes ? { doc: state.doc, error: state.error } : { doc: undefined, error: undefined };
}

/** Draws page `n` of a document into a canvas at `scale` (CSS pixels per PDF point), sharp on high-DPI screens. */
export async function drawPage(doc: PDFDocumentProxy, n: number, canvas: HTMLCanvasElement, scale: number, dpr = window.devicePixelRatio || 1): Promise<RenderTask> {
  const page = await doc.getPage(n);
  const viewport = page.getViewport({ scale: scale * dpr });
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  canvas.style.width = `${Math.floor(viewport.width / dpr)}px`;
  canvas.style.height = `${Math.floor(viewport.height / dpr)}px`;
  return page.render({ canvas, viewport });
}

/**
 * One page at a time with page navigation and zoom, usable from the keyboard: PageDown/→ next,
 * PageUp/← previous, Home/End first/last, + / − zoom, 0 fit to width.
 */
export default function PdfViewer({ bytes, label }: { bytes: Uint8Array; label: string }) {
  const { doc, error } = usePdfDocument(bytes);
  const canvas = useRef<HTMLCanvasElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const [page, setPage] = useState(1);
  /** undefined: fit the page's width to the viewer. */
  const [zoom, setZoom] = useState<number | undefined>(undefined);
  const [fitScale, setFitScale] = useState(1);
  const [drawing, setDrawing] = useState(false);
  const pages = doc?.numPages ?? 0;
  const scale = zoom ?? fitScale;

  // Fit to width: the first page's width against the viewer's inner width.
  useEffect(() => {
    if (!doc || !box.current) return;
    let live = true;
    void doc.getPage(1).then((p) => {
      const width = (box.current?.clientWidth ?? 800) - 32;
      if (live) setFitScale(Math.max(0.25, width / p.getViewport({ scale: 1 }).width));
    });
    return () => void (live = false);
  }, [doc]);

  useEffect(() => {
    if (!doc || !canvas.current) return;
    let task: RenderTask | undefined;
    let live = true;
    setDrawing(true);
    void drawPage(doc, Math.min(page, doc.numPages), canvas.current, scale)
      .then((t) => {
        task = t;
        return live ? t.promise : undefined;
      })
      .catch(() => undefined) // a render cancelled by the next one
      .finally(() => live && setDrawing(false));
    return () => {
      live = false;
      task?.cancel();
    };
  }, [doc, page, scale]);

  const go = useCallback((n: number) => setPage(Math.max(1, Math.min(pages || 1, n))), [pages]);
  const zoomStep = (dir: 1 | -1) =>
    setZoom(dir > 0 ? (ZOOMS.find((z) => z > scale + 0.001) ?? MAX_ZOOM) : ([...ZOOMS].reverse().find((z) => z < scale - 0.001) ?? MIN_ZOOM));
  const onKey = (e: KeyboardEvent) => {
    const keys: Record<string, () => void> = {
      PageDown: () => go(page + 1),
      ArrowRight: () => go(page + 1),
      PageUp: () => go(page - 1),
      ArrowLeft: () => go(page - 1),
      Home: () => go(1),
      End: () => go(pages),
      '+': () => zoomStep(1),
      '=': () => zoomStep(1),
      '-': () => zoomStep(-1),
      '0': () => setZoom(undefined),
    };
    const act = keys[e.key];
    if (act && !(e.target instanceof HTMLInputElement)) {
      e.preventDefault();
      act();
    }
  };

  if (error) return <Alert type="error" showIcon message={error} />;
  return (
    <div className="pdf-viewer" onKeyDown={onKey}>
      <Space className="pdf-toolbar" wrap role="toolbar" aria-label="预览工具栏">
        <Button icon={<LeftOutlined />} onClick={() => go(page - 1)} disabled={page <= 1} aria-label="上一页" />
        <span>
          第{' '}
          <InputNumber size="small" min={1} max={pages || 1} value={page} onChange={(v) => v && go(v)} aria-label="页码" style={{ width: 64 }} data-testid="pdf-page" /> 页，共 {pages || '…'} 页
        </span>
        <Button icon={<RightOutlined />} onClick={() => go(page + 1)} disabled={page >= pages} aria-label="下一页" />
        <Button icon={<ZoomOutOutlined />} onClick={() => zoomStep(-1)} disabled={scale <= MIN_ZOOM} aria-label="缩小" />
        <Typography.Text data-testid="pdf-zoom" style={{ minWidth: 48, display: 'inline-block', textAlign: 'center' }}>
          {Math.round(scale * 100)}%
        </Typography.Text>
        <Button icon={<ZoomInOutlined />} onClick={() => zoomStep(1)} disabled={scale >= MAX_ZOOM} aria-label="放大" />
        <Tooltip title="适合宽度（键 0）">
          <Button icon={<ColumnWidthOutlined />} onClick={() => setZoom(undefined)} aria-label="适合宽度" type={zoom === undefined ? 'primary' : 'default'} ghost={zoom === undefined} />
        </Tooltip>
        <Typography.Text type="secondary" className="pdf-keys">
          PageUp/PageDown 翻页 · +/− 缩放
        </Typography.Text>
      </Space>
      <div
        ref={box}
        className="pdf-pages"
        tabIndex={0}
        role="document"
        aria-label={`${label}，第 ${page} 页，共 ${pages} 页`}
        data-testid="pdf-preview"
        data-page={page}
        data-pages={pages}
        data-drawing={drawing || !doc ? 'true' : 'false'}
      >
        {!doc && <Spin style={{ display: 'block', marginTop: 120 }} />}
        <canvas ref={canvas} className="pdf-page" style={doc ? undefined : { display: 'none' }} />
      </div>
    </div>
  );
}
