import type { ResourceLanguage } from "i18next";

/**
 * The chunks of every namespace the member area adds to the public ones (app/i18n/bundles.ts);
 * `emails` never leaves the server.
 */
export const memberChunks: Record<string, () => Promise<{ default: ResourceLanguage[string] }>> =
  import.meta.glob<{ default: ResourceLanguage[string] }>([
    "./locales/*/*.json",
    "!./locales/*/emails.json",
    "!./locales/*/common.json",
    "!./locales/*/vocabulary.json",
    "!./locales/*/search.json",
    "!./locales/*/directory.json",
  ]);
