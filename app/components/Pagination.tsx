import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Page numbers to show: the first, the last, and two around the current one. */
export function pageWindow(page: number, totalPages: number): (number | "gap")[] {
  const pages = new Set([1, totalPages, page - 1, page, page + 1]);
  const sorted = [...pages].filter((n) => n >= 1 && n <= totalPages).sort((a, b) => a - b);
  const result: (number | "gap")[] = [];
  for (const n of sorted) {
    const previous = result.at(-1);
    if (typeof previous === "number" && n - previous > 1) result.push("gap");
    result.push(n);
  }
  return result;
}

/** Plain links, so paging works without JavaScript and every page has its own address. */
export function Pagination({
  page,
  totalPages,
  hrefFor,
  formatNumber,
}: {
  page: number;
  totalPages: number;
  hrefFor: (page: number) => string;
  formatNumber: (n: number) => string;
}) {
  const { t } = useTranslation("search");
  if (totalPages <= 1) return null;
  return (
    <nav className="pagination" aria-label={t("pagination.label")}>
      <ul>
        {page > 1 ? (
          <li>
            <Link to={hrefFor(page - 1)} rel="prev">
              {t("pagination.previous")}
            </Link>
          </li>
        ) : null}
        {pageWindow(page, totalPages).map((n, index) =>
          n === "gap" ? (
            <li key={`gap-${index}`} aria-hidden="true" className="pagination__gap">
              …
            </li>
          ) : (
            <li key={n}>
              <Link
                to={hrefFor(n)}
                aria-current={n === page ? "page" : undefined}
                aria-label={t("pagination.page", { page: formatNumber(n) })}
              >
                {formatNumber(n)}
              </Link>
            </li>
          ),
        )}
        {page < totalPages ? (
          <li>
            <Link to={hrefFor(page + 1)} rel="next">
              {t("pagination.next")}
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
