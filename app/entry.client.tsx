import { RemixBrowser } from "@remix-run/react";
import { StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { loadTranslations } from "~/i18n/bundles";
import { DEFAULT_LOCALE, isLocale, isNamespaceGroup } from "~/i18n/locales";

/**
 * The page's translations first (cached chunks, app/i18n/bundles.ts), then hydration. If they
 * cannot be fetched, the page is left as the server rendered it: it works without JavaScript,
 * while hydrating without its words would replace every text with a key.
 *
 * Hydration is synchronous, not in a transition: a tap that lands while a concurrent hydration
 * is half done is replayed into a <Link> whose router is not listening yet, and is lost (a
 * search result that does not open on a slow phone). In one task, a tap either comes before
 * (the browser follows the link) or after (the app does).
 */
const { lang, dataset } = document.documentElement;
const group = isNamespaceGroup(dataset.translations) ? dataset.translations : "public";

loadTranslations(isLocale(lang) ? lang : DEFAULT_LOCALE, group).then(
  () => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  },
  () => undefined,
);
