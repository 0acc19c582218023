import { Form, Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useCleanSubmit } from "./useCleanSubmit";
import { COMMON_SERVICE_LANGUAGES } from "#db/codes/directory";
import { SEARCH_FILTERS, activeFilters, chosenValues, type SearchFilter } from "./filters";
import { filterLabel } from "./labels";
import type { Facets, SearchQuery } from "./types";

interface Option {
  value: string;
  label: string;
  count: number | undefined;
}

interface FilterPanelProps {
  action: string;
  query: SearchQuery;
  facets: Facets;
  languageNames: Record<string, string>;
  clearHref: string;
  formatCount: (count: number) => string;
}

/** The filters people use most, shown first; the others wait under "More filters". */
const MAIN_FILTERS = new Set(["category", "language", "accepting", "open_now", "detained", "fees"]);
/** Long lists: their first options by number of results are shown, the rest under "More". */
const MANY_OPTIONS = new Set(["category", "language"]);
const SHOWN_OPTIONS = 6;
const MORE_LEGENDS: Record<string, string> = {
  category: "filters.moreCategories",
  language: "filters.moreLanguages",
};

/**
 * Options of one facet: those with results, plus whatever the visitor already chose. Without
 * counts from the engine, every option (no dead ends can be predicted, so none are hidden).
 */
function options(
  values: readonly string[],
  counts: Record<string, number> | undefined,
  selected: readonly string[],
  label: (value: string) => string,
): Option[] {
  return values
    .filter((value) => !counts || (counts[value] ?? 0) > 0 || selected.includes(value))
    .map((value) => ({
      value,
      label: label(value),
      count: counts ? (counts[value] ?? 0) : undefined,
    }));
}

function Count({ count, format }: { count: number | undefined; format: (n: number) => string }) {
  if (count === undefined) return null;
  // One string: no "<!-- -->" between the parentheses and the number in the HTML.
  return <span className="facet-count">{`(${format(count)})`}</span>;
}

function Choices({
  legend,
  name,
  type,
  choices,
  selected,
  anyLabel,
  format,
}: {
  legend: string;
  name: string;
  type: "checkbox" | "radio";
  choices: Option[];
  selected: readonly string[];
  anyLabel?: string;
  format: (n: number) => string;
}) {
  if (choices.length === 0) return null;
  return (
    <fieldset className="filter-group">
      <legend>{legend}</legend>
      {anyLabel ? (
        <label className="filter-choice">
          <input type="radio" name={name} value="" defaultChecked={selected.length === 0} />
          {anyLabel}
        </label>
      ) : null}
      {choices.map((choice) => (
        <label className="filter-choice" key={choice.value}>
          <input
            type={type}
            name={name}
            value={choice.value}
            defaultChecked={selected.includes(choice.value)}
          />
          {`${choice.label} `}
          <Count count={choice.count} format={format} />
        </label>
      ))}
    </fieldset>
  );
}

/**
 * The filters, as one GET form: a collapsed <details> on a phone (results first), opened as a
 * sidebar on wider screens once JavaScript runs. Counts beside each option come from the engine.
 */
export function FilterPanel({
  action,
  query,
  facets,
  languageNames,
  clearHref,
  formatCount,
}: FilterPanelProps) {
  const cleanSubmit = useCleanSubmit();
  const { t } = useTranslation(["search", "vocabulary"]);
  const detailsRef = useRef<HTMLDetailsElement>(null);
  const chosen = activeFilters(query).length;

  useEffect(() => {
    if (window.matchMedia("(min-width: 60rem)").matches && detailsRef.current) {
      detailsRef.current.open = true;
    }
  }, []);

  const countsOf = (definition: SearchFilter) =>
    "facet" in definition ? facets[definition.facet] : undefined;
  const label = (definition: SearchFilter, value: string) =>
    filterLabel(t, definition.parameter, value, languageNames);
  /** The values offered for a filter, with their counts. */
  const choicesOf = (definition: SearchFilter): Option[] => {
    const selected = chosenValues(query, definition);
    const counts = countsOf(definition);
    const values =
      definition.match === "languageTag"
        ? counts
          ? Object.keys(languageNames)
          : [...new Set<string>([...selected, ...COMMON_SERVICE_LANGUAGES])]
        : "values" in definition
          ? definition.values
          : [];
    return options(values, counts, selected, (value) => label(definition, value));
  };

  const allToggles = SEARCH_FILTERS.filter(
    (definition) => definition.control.kind === "toggle",
  ).map((definition) => {
    const counts = countsOf(definition);
    return {
      name: definition.parameter,
      label: label(definition, "true"),
      // Yes/no filters count the documents that say yes.
      count: counts ? (counts.true ?? 0) : undefined,
      checked: chosenValues(query, definition).includes("true"),
    };
  });
  // A yes/no filter that would leave nothing is not offered (unless already chosen).
  const toggles = allToggles.filter((toggle) => toggle.checked || toggle.count !== 0);
  const availability = (
    <fieldset className="filter-group" key="availability">
      <legend>{t("filters.availability")}</legend>
      {toggles.map((toggle) => (
        <label className="filter-choice" key={toggle.name}>
          <input type="checkbox" name={toggle.name} value="true" defaultChecked={toggle.checked} />
          {`${toggle.label} `}
          <Count count={toggle.count} format={formatCount} />
        </label>
      ))}
    </fieldset>
  );

  /** Beyond this many, a long list's rarer options (fewest results) wait under "More filters". */
  const split = (definition: SearchFilter): [Option[], Option[]] => {
    const all = choicesOf(definition);
    if (!MANY_OPTIONS.has(definition.parameter) || all.length <= SHOWN_OPTIONS + 1)
      return [all, []];
    const selected = chosenValues(query, definition);
    const ranked = [...all].sort(
      (a, b) =>
        Number(selected.includes(b.value)) - Number(selected.includes(a.value)) ||
        (b.count ?? 0) - (a.count ?? 0),
    );
    const shown = new Set(
      ranked.slice(0, Math.max(SHOWN_OPTIONS, selected.length)).map((choice) => choice.value),
    );
    return [
      all.filter((choice) => shown.has(choice.value)),
      all.filter((choice) => !shown.has(choice.value)),
    ];
  };

  const control = (definition: SearchFilter, index: number, part: "main" | "more") => {
    const { control: shape, parameter } = definition;
    const selected = chosenValues(query, definition);
    switch (shape.kind) {
      case "toggle": {
        // The yes/no filters share one group, where the first of them stands.
        const first = SEARCH_FILTERS.findIndex((other) => other.control.kind === "toggle");
        return index === first ? availability : null;
      }
      case "checkboxes":
      case "radios": {
        const [main, rest] = split(definition);
        // A main filter's rarer options under "More filters", or a whole other filter there.
        const whole = part === "main" || !MAIN_FILTERS.has(parameter);
        const choices = whole ? main : rest;
        const moreLegend = whole ? undefined : MORE_LEGENDS[parameter];
        return (
          <Choices
            key={`${parameter}-${part}`}
            legend={moreLegend ? t(moreLegend) : t(shape.legendKey)}
            name={parameter}
            type={shape.kind === "checkboxes" ? "checkbox" : "radio"}
            anyLabel={shape.kind === "radios" && whole ? t(shape.anyKey) : undefined}
            choices={choices}
            selected={selected}
            format={formatCount}
          />
        );
      }
      case "select": {
        const choices = choicesOf(definition);
        if (choices.length === 0) return null;
        return (
          <div className="field filter-group" key={parameter}>
            <label htmlFor={`filter-${parameter}`}>{t(shape.legendKey)}</label>
            <select id={`filter-${parameter}`} name={parameter} defaultValue={selected[0] ?? ""}>
              <option value="">{t(shape.anyKey)}</option>
              {choices.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.count === undefined
                    ? choice.label
                    : `${choice.label} (${formatCount(choice.count)})`}
                </option>
              ))}
            </select>
          </div>
        );
      }
    }
  };

  // Most-used filters first; the others, and the rarer options of long lists, behind
  // "More filters" (a <details>: opens without JavaScript; open when one of them is chosen).
  const mainFilters = SEARCH_FILTERS.map((definition, index) =>
    MAIN_FILTERS.has(definition.parameter) ? control(definition, index, "main") : null,
  );
  const moreFilters = SEARCH_FILTERS.map((definition, index) =>
    MAIN_FILTERS.has(definition.parameter)
      ? MANY_OPTIONS.has(definition.parameter)
        ? control(definition, index, "more")
        : null
      : control(definition, index, "more"),
  ).filter(Boolean);
  const moreChosen = SEARCH_FILTERS.some((definition) => {
    const selected = chosenValues(query, definition);
    if (selected.length === 0) return false;
    if (!MAIN_FILTERS.has(definition.parameter)) return true;
    if (!MANY_OPTIONS.has(definition.parameter)) return false;
    const [, rest] = split(definition);
    return rest.some((choice) => selected.includes(choice.value));
  });

  const form = (
    <Form
      method="get"
      action={action}
      className="filters__form"
      aria-labelledby="filters-heading"
      onSubmit={cleanSubmit}
    >
      {query.q ? <input type="hidden" name="q" value={query.q} /> : null}
      {query.near ? <input type="hidden" name="near" value={query.near.input} /> : null}
      {query.near && query.radius !== undefined ? (
        <input type="hidden" name="radius" value={String(query.radius)} />
      ) : null}

      {mainFilters}
      {moreFilters.length > 0 ? (
        <details className="filters__more" open={moreChosen}>
          <summary>{t("filters.more")}</summary>
          {moreFilters}
        </details>
      ) : null}
      <div className="filters__actions">
        <button type="submit" className="button button--primary">
          {t("filters.apply")}
        </button>
        {chosen > 0 ? <Link to={clearHref}>{t("filters.clear")}</Link> : null}
      </div>
    </Form>
  );

  return (
    <details ref={detailsRef} className="filters">
      <summary>
        <span id="filters-heading" className="filters__heading">
          {t("filters.heading")}
        </span>
        {chosen > 0 ? (
          <span className="filters__chosen"> {t("filters.chosen", { count: chosen })}</span>
        ) : null}
      </summary>
      {form}
    </details>
  );
}
