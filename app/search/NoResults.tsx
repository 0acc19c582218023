import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Hotlines } from "~/components/Hotlines";
import { filterLabel } from "./labels";
import type { Suggestion } from "./page-types";
import type { SearchQuery } from "./types";

/** Zero results never strand anyone: ways to widen the search, and always the hotlines. */
export function NoResults({
  suggestions,
  hrefFor,
  languageNames,
}: {
  suggestions: Suggestion[];
  hrefFor: (query: SearchQuery) => string;
  languageNames: Record<string, string>;
}) {
  const { t } = useTranslation(["search", "vocabulary"]);
  const text = (suggestion: Suggestion): string => {
    const count = suggestion.total;
    switch (suggestion.kind) {
      case "removeFilter":
        return t("noResults.removeFilter", {
          filter: filterLabel(t, suggestion.parameter, suggestion.value, languageNames),
          count,
        });
      case "removeAllFilters":
        return t("noResults.removeAllFilters", { count });
      case "widenRadius":
        return t("noResults.widenRadius", { radius: suggestion.radius, count });
      case "removeWords":
        return t("noResults.removeWords", { words: suggestion.words, count });
      case "remote":
        return t("noResults.remote", { count });
    }
  };
  return (
    <section className="no-results" aria-labelledby="no-results-heading">
      <h3 id="no-results-heading">{t("noResults.heading")}</h3>
      {suggestions.length > 0 ? (
        <>
          <p>{t("noResults.tryThese")}</p>
          <ul className="suggestions">
            {suggestions.map((suggestion) => (
              <li key={`${suggestion.kind}-${"value" in suggestion ? suggestion.value : ""}`}>
                <Link to={hrefFor(suggestion.query)}>{text(suggestion)}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t("noResults.nothingElse")}</p>
      )}
      <p>{t("noResults.callHotline")}</p>
      <Hotlines headingLevel={3} />
    </section>
  );
}
