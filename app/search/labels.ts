import type { TFunction } from "i18next";
import { filterByParameter, type FilterParameter } from "./filters";

/** How a chosen filter is named to the visitor (chips, suggestions, the printed handout). */
export function filterLabel(
  t: TFunction,
  parameter: FilterParameter,
  value: string,
  languageNames: Record<string, string>,
): string {
  const definition = filterByParameter(parameter);
  if (!definition) return value;
  const { label } = definition;
  if ("vocabulary" in label) return t(`vocabulary:${label.vocabulary}.${value}`);
  if ("languageName" in label) return languageNames[value] ?? value;
  const name = t(`search:${label.key}`);
  // A yes/no filter answered "no" (accepting=false) narrows too: say so.
  return value === "false" ? t("search:filters.answerNo", { filter: name }) : name;
}
