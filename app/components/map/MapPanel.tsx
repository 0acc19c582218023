import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import type { ResultsMapProps } from "./map-types";
import { useHydrated } from "../useHydrated";

// Its own chunk (Leaflet, markercluster and their CSS), fetched the first time a map is shown.
const ResultsMap = lazy(() => import("./ResultsMap.client"));

/**
 * Where the map appears once the visitor asks for it (a "Show map" button with
 * aria-controls={id}). Closed, it holds nothing and no map code is loaded.
 */
export function MapPanel({
  id,
  open,
  ...mapProps
}: ResultsMapProps & { id: string; open: boolean }) {
  const { t } = useTranslation("search");
  const hydrated = useHydrated();
  return (
    <div id={id} className="map-panel" hidden={!open}>
      {open && hydrated ? (
        <Suspense fallback={<p className="map-panel__loading">{t("map.loading")}</p>}>
          <ResultsMap {...mapProps} />
        </Suspense>
      ) : null}
    </div>
  );
}

/** The button that opens and closes a MapPanel; only rendered once JavaScript runs. */
export function MapToggle({
  controls,
  open,
  onToggle,
}: {
  controls: string;
  open: boolean;
  onToggle: () => void;
}) {
  const { t } = useTranslation("search");
  const hydrated = useHydrated();
  if (!hydrated) return null;
  return (
    <button
      type="button"
      className="button"
      aria-expanded={open}
      aria-controls={controls}
      onClick={onToggle}
    >
      {open ? t("map.hide") : t("map.show")}
    </button>
  );
}
