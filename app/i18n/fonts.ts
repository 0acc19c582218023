import arabic400 from "@fontsource/noto-sans-arabic/arabic-400.css?url";
import arabic700 from "@fontsource/noto-sans-arabic/arabic-700.css?url";
import bengali400 from "@fontsource/noto-sans-bengali/bengali-400.css?url";
import bengali700 from "@fontsource/noto-sans-bengali/bengali-700.css?url";
import urdu400 from "@fontsource/noto-nastaliq-urdu/arabic-400.css?url";
import urdu700 from "@fontsource/noto-nastaliq-urdu/arabic-700.css?url";
import { LOCALES, type Font, type Locale } from "./locales";

/**
 * Self-hosted fonts for scripts that cheap phones and older desktops often lack, linked only
 * on pages in that language (unicode-range subsets: only the glyphs a page uses download).
 * Latin, Cyrillic, Haitian Creole and CJK use system fonts: Android, iOS, Windows and macOS
 * ship them, and CJK web fonts would cost megabytes. Never a third-party font service.
 */
const FONT_STYLESHEETS: Record<Font, readonly string[]> = {
  bengali: [bengali400, bengali700],
  arabic: [arabic400, arabic700],
  urdu: [urdu400, urdu700],
};

/** The stylesheets of the locale's font (LOCALES[locale].font), none for system fonts. */
export function fontStylesheetsFor(locale: Locale): readonly string[] {
  const font = LOCALES[locale].font;
  return font ? FONT_STYLESHEETS[font] : [];
}
