/*
 * Faces for the scripts a bare Linux desk has no font for (it ships DejaVu and Liberation only):
 * Noto Sans SC, TC, JP, KR, Thai and Arabic, SIL Open Font License 1.1, from @fontsource.
 * Each face is cut into unicode-range slices, so the browser fetches only the slices the page's
 * text needs; the build keeps WOFF2 only (vite.config.ts, which sees these imports, not CSS
 * @imports). Regular weight only: bold is synthesised, which halves the bundle. The stack that
 * uses them is --font in app.css; see docs/interface-languages.md.
 */
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-tc/400.css';
import '@fontsource/noto-sans-jp/400.css';
import '@fontsource/noto-sans-kr/400.css';
import '@fontsource/noto-sans-thai/thai-400.css';
import '@fontsource/noto-sans-arabic/arabic-400.css';
import './fonts.css';
