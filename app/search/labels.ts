import type { TFunction } from "i18next";
import type { FilterParameter } from "./filters";

/** How a chosen filter is named to the visitor (chips, suggestions, the printed handout). */
export function filterLabel(
  t: TFunction,
  parameter: FilterParameter,
  value: string,
  languageNames: Record<string, string>,
): string {
  switch (parameter) {
    case "category":
      return t(`vocabulary:category.${value}`);
    case "language":
      return languageNames[value] ?? value;
    case "population":
      return t(`vocabulary:population.${value}`);
    case "fees":
      return t(`vocabulary:fees.${value}`);
    case "delivery":
      return t(`vocabulary:delivery.${value}`);
    case "court":
      return t(`vocabulary:court.${value}`);
    case "provider":
      return t(`vocabulary:provider.${value}`);
    case "accepting":
      return t("search:filters.accepting");
    case "detained":
      return t("search:filters.detained");
    case "open_now":
      return t("search:filters.openNow");
  }
}
