import { Form, Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useCleanSubmit } from "./useCleanSubmit";
import { CATEGORY_CODES } from "#db/codes/categories";
import {
  COMMON_SERVICE_LANGUAGES,
  COURTS,
  DELIVERY_METHODS,
  FEE_TYPES,
  POPULATIONS,
  PROVIDER_TYPES,
} from "#db/codes/directory";
import { activeFilters } from "./filters";
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
  return <span className="facet-count">({format(count)})</span>;
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
        <div className="choice">
          <input
            type="radio"
            id={`filter-${name}-any`}
            name={name}
            value=""
            defaultChecked={selected.length === 0}
          />
          <label htmlFor={`filter-${name}-any`}>{anyLabel}</label>
        </div>
      ) : null}
      {choices.map((choice) => (
        <div className="choice" key={choice.value}>
          <input
            type={type}
            id={`filter-${name}-${choice.value}`}
            name={name}
            value={choice.value}
            defaultChecked={selected.includes(choice.value)}
          />
          <label htmlFor={`filter-${name}-${choice.value}`}>
            {choice.label} <Count count={choice.count} format={format} />
          </label>
        </div>
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

  const languageValues = facets.languages
    ? Object.keys(languageNames).filter(
        (code) => (facets.languages?.[code] ?? 0) > 0 || query.languages.includes(code),
      )
    : [...new Set<string>([...query.languages, ...COMMON_SERVICE_LANGUAGES])];
  const single = (value: string | undefined) => (value ? [value] : []);
  const yes = (facet: Record<string, number> | undefined) =>
    facet ? (facet.true ?? 0) : undefined;
  const courts = options(COURTS, facets.courts, single(query.court), (code) =>
    t(`vocabulary:court.${code}`),
  );

  const allToggles: { name: string; label: string; count: number | undefined; checked: boolean }[] =
    [
      {
        name: "accepting",
        label: t("filters.accepting"),
        count: yes(facets.accepting),
        checked: Boolean(query.accepting),
      },
      {
        name: "open_now",
        label: t("filters.openNow"),
        count: undefined,
        checked: Boolean(query.openNow),
      },
      {
        name: "detained",
        label: t("filters.detained"),
        count: yes(facets.detained),
        checked: Boolean(query.detained),
      },
    ];
  // A yes/no filter that would leave nothing is not offered (unless already chosen).
  const toggles = allToggles.filter((toggle) => toggle.checked || toggle.count !== 0);

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

      <Choices
        legend={t("filters.categories")}
        name="category"
        type="checkbox"
        choices={options(CATEGORY_CODES, facets.categories, query.categories, (code) =>
          t(`vocabulary:category.${code}`),
        )}
        selected={query.categories}
        format={formatCount}
      />
      <Choices
        legend={t("filters.languages")}
        name="language"
        type="checkbox"
        choices={languageValues.map((code) => ({
          value: code,
          label: languageNames[code] ?? code,
          count: facets.languages ? (facets.languages[code] ?? 0) : undefined,
        }))}
        selected={query.languages}
        format={formatCount}
      />
      <fieldset className="filter-group">
        <legend>{t("filters.availability")}</legend>
        {toggles.map((toggle) => (
          <div className="choice" key={toggle.name}>
            <input
              type="checkbox"
              id={`filter-${toggle.name}`}
              name={toggle.name}
              value="true"
              defaultChecked={toggle.checked}
            />
            <label htmlFor={`filter-${toggle.name}`}>
              {toggle.label} <Count count={toggle.count} format={formatCount} />
            </label>
          </div>
        ))}
      </fieldset>
      <Choices
        legend={t("filters.fees")}
        name="fees"
        type="radio"
        anyLabel={t("filters.anyCost")}
        choices={options(FEE_TYPES, facets.fees, single(query.fees), (code) =>
          t(`vocabulary:fees.${code}`),
        )}
        selected={single(query.fees)}
        format={formatCount}
      />
      <Choices
        legend={t("filters.delivery")}
        name="delivery"
        type="radio"
        anyLabel={t("filters.anyDelivery")}
        choices={options(DELIVERY_METHODS, facets.delivery, single(query.delivery), (code) =>
          t(`vocabulary:delivery.${code}`),
        )}
        selected={single(query.delivery)}
        format={formatCount}
      />
      <Choices
        legend={t("filters.populations")}
        name="population"
        type="checkbox"
        choices={options(POPULATIONS, facets.populations, query.populations, (code) =>
          t(`vocabulary:population.${code}`),
        )}
        selected={query.populations}
        format={formatCount}
      />
      {courts.length > 0 ? (
        <div className="field filter-group">
          <label htmlFor="filter-court">{t("filters.court")}</label>
          <select id="filter-court" name="court" defaultValue={query.court ?? ""}>
            <option value="">{t("filters.anyCourt")}</option>
            {courts.map((court) => (
              <option key={court.value} value={court.value}>
                {court.count === undefined
                  ? court.label
                  : `${court.label} (${formatCount(court.count)})`}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <Choices
        legend={t("filters.provider")}
        name="provider"
        type="radio"
        anyLabel={t("filters.anyProvider")}
        choices={options(PROVIDER_TYPES, facets.providers, single(query.provider), (code) =>
          t(`vocabulary:provider.${code}`),
        )}
        selected={single(query.provider)}
        format={formatCount}
      />
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
