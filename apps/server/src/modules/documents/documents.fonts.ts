import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Font } from 'fontkit';

/**
 * The fonts the PDF embeds, from npm packages so that a fresh `npm ci` renders Traditional
 * Chinese with no system font (ADR 0026). pdfkit embeds a subset: only the glyphs a
 * document uses.
 * - Noto Sans TC (Noto Sans Hant, Regular and Bold, OpenType/CFF) from @embedpdf/fonts-tc,
 *   SIL Open Font License 1.1: every character of the forms.
 * - DejaVu Sans from dejavu-fonts-ttf (Bitstream Vera licence and public domain): the
 *   ballot boxes ☐ and ☑, which Noto Sans TC lacks.
 */
const require = createRequire(import.meta.url);

function notoPath(file: string): string {
  // The package exports only its index (dist/index.cjs); the fonts sit beside dist/.
  return join(dirname(require.resolve('@embedpdf/fonts-tc')), '..', 'fonts', file);
}

export const FONT_FILES = {
  regular: () => notoPath('NotoSansHant-Regular.otf'),
  bold: () => notoPath('NotoSansHant-Bold.otf'),
  symbols: () => require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
} as const;

export type FontName = keyof typeof FONT_FILES;

let loading: Promise<Record<FontName, Font>> | undefined;

/**
 * The three fonts, read (about 12 MB) and parsed by fontkit once, on the first PDF; pdfkit
 * takes the parsed fonts and subsets them per document, which saves parsing the 5.6 MB
 * OpenType files for every document.
 */
export function loadFonts(): Promise<Record<FontName, Font>> {
  loading ??= (async () => {
    const { create } = await import('fontkit');
    const open = async (file: string) => {
      const font = create(await readFile(file));
      if (!('layout' in font)) {
        throw new Error(`${file} is a font collection, not a font`);
      }
      return font;
    };
    const [regular, bold, symbols] = await Promise.all([
      open(FONT_FILES.regular()),
      open(FONT_FILES.bold()),
      open(FONT_FILES.symbols()),
    ]);
    return { regular, bold, symbols };
  })();
  return loading;
}
