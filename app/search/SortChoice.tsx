import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SEARCH_SORTS } from "./params";
import type { SearchQuery } from "./types";

/**
 * "Best match" / "Closest": plain links (works without JavaScript), shown with a place; the
 * order in use has aria-current.
 */
export function SortChoice({
  query,
  hrefFor,
}: {
  query: SearchQuery;
  hrefFor: (query: SearchQuery) => string;
}) {
  const { t } = useTranslation("search");
  const label = t("sort.label");
  return (
    <nav className="sort-choice no-print" aria-label={label}>
      <span className="sort-choice__label">{label}</span>
      {SEARCH_SORTS.map((sort) => (
        <Link
          key={sort}
          to={hrefFor({ ...query, sort, page: 1 })}
          aria-current={sort === (query.sort ?? "best") || undefined}
        >
          {t(`sort.${sort}`)}
        </Link>
      ))}
    </nav>
  );
}
