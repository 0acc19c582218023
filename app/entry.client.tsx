import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { loadTranslations } from "~/i18n/bundles";
import { DEFAULT_LOCALE, isLocale, type NamespaceGroup } from "~/i18n/locales";

/** The page's translations first (cached chunks, app/i18n/bundles.ts), then hydration. */
const { lang, dataset } = document.documentElement;
const group: NamespaceGroup = dataset.translations === "member" ? "member" : "public";

void loadTranslations(isLocale(lang) ? lang : DEFAULT_LOCALE, group)
  .catch(() => undefined) // The error page carries its own English words.
  .then(() => {
    startTransition(() => {
      hydrateRoot(
        document,
        <StrictMode>
          <RemixBrowser />
        </StrictMode>,
      );
    });
  });
