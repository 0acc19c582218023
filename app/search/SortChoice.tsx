import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SEARCH_SORTS } from "./params";
import type { SearchQuery } from "./types";

/**
 * "Best match" / "Closest": plain links (works without JavaScript), shown with a place. The
 * order in use is marked with aria-current.
 */
export function SortChoice({
  query,
  hrefFor,
}: {
  query: SearchQuery;
  hrefFor: (query: SearchQuery) => string;
}) {
  const { t } = useTranslation("search");
  const current = query.sort ?? "best";
  return (
    <nav className="sort-choice no-print" aria-labelledby="sort-choice-label">
      <span id="sort-choice-label">{t("sort.label")}</span>
      <ul>
        {SEARCH_SORTS.map((sort) => (
          <li key={sort}>
            <Link
              to={hrefFor({ ...query, sort, page: 1 })}
              aria-current={sort === current ? "true" : undefined}
              className={sort === current ? "is-current" : undefined}
            >
              {t(`sort.${sort}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
