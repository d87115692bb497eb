import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

// The print font's name and files, apart from fonts.ts (which loads pdfmake): the document
// builders need the name at any time, the PDF machinery only when something is printed.

export const FONT_FAMILY = 'NotoSerifSC';
export const FONT_FILES = { normal: 'NotoSerifCJKsc-Regular.subset.otf', bold: 'NotoSerifCJKsc-Bold.subset.otf' } as const;

/** Where the font files are: set by the environment, packaged next to the app, or in the repository. */
export function fontDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CHANGEDESK_FONTS_DIR) return env.CHANGEDESK_FONTS_DIR;
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged && existsSync(join(packaged, 'fonts', FONT_FILES.normal))) return join(packaged, 'fonts');
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, 'resources', 'fonts');
    if (existsSync(join(candidate, FONT_FILES.normal))) return candidate;
    const up = dirname(dir);
    if (up === dir) throw new Error(`找不到打印字体 ${FONT_FILES.normal}（resources/fonts）。`);
    dir = up;
  }
}
