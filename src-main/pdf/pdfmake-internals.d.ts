// pdfmake 0.3 ships no types for the modules we use directly. We drive its Printer ourselves
// (not the `pdfmake` singleton) so that no document can fetch a URL or read a local file, and so
// that the parsed fonts can be shared between documents (fonts.ts).
declare module 'pdfmake/js/Printer' {
  export default class PdfPrinter {
    constructor(fontDescriptors: Record<string, Record<string, string>>, virtualfs: unknown, urlResolver: unknown, localAccessPolicy?: (path: string) => boolean);
    createPdfKitDocument(docDefinition: object, options?: object): Promise<PdfKitDocumentLike>;
  }
  export interface PdfKitDocumentLike {
    on(event: 'data', cb: (chunk: Buffer) => void): void;
    on(event: 'end', cb: () => void): void;
    on(event: 'error', cb: (e: Error) => void): void;
    end(): void;
    bufferedPageRange?(): { start: number; count: number };
  }
}

declare module 'pdfmake/js/PDFDocument' {
  export default class PDFDocument {
    constructor(fonts: object, images: object, patterns: object, attachments: object, options: object);
    fonts: Record<string, Record<string, unknown>>;
    fontCache: Record<string, Record<string, unknown>>;
    _fontFamilies: Record<string, unknown>;
    _fontCount: number;
    getFontType(bold: boolean, italics: boolean): string;
    provideFont(familyName: string, bold: boolean, italics: boolean): unknown;
    font(src: Uint8Array): { _font: unknown };
  }
}

declare module 'pdfmake/js/TextInlines' {
  export default class TextInlines {
    buildInlines(textArray: unknown, styleContextStack: unknown): { items: Array<Record<string, unknown>>; minWidth: number; maxWidth: number };
    measure(array: Array<Record<string, unknown>>, styleContextStack: unknown): Array<Record<string, unknown>>;
    widthOfText(text: string, inline: Record<string, unknown>): number;
  }
}

declare module 'pdfmake/js/Renderer' {
  export default class Renderer {
    renderLine(line: { inlines: Array<Record<string, unknown>> }, x: number, y: number): void;
  }
}

declare module 'pdfmake/js/StyleContextStack' {
  export default class StyleContextStack {
    static getStyleProperty(item: object, stack: unknown, property: string, defaultValue: unknown): unknown;
  }
}

// fontkit (pdfkit's font engine): only what the font coverage test reads.
declare module 'fontkit' {
  export interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
    postscriptName: string;
  }
  export function create(buffer: Uint8Array): Font;
}

declare module 'pdfmake/js/TextBreaker' {
  export default class TextBreaker {
    getBreaks(texts: unknown, styleContextStack: unknown): Array<Record<string, unknown> & { text: string }>;
  }
}

declare module 'pdfmake/js/Line' {
  export default class Line {
    inlines: unknown[];
    newLineForced?: boolean;
    hasEnoughSpaceForInline(inline: Record<string, unknown>, nextInlines?: unknown[]): boolean;
    getAvailableWidth(): number;
  }
}
