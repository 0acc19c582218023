import L from "leaflet";
import "leaflet.markercluster";
import "leaflet/dist/leaflet.css";
import "leaflet.markercluster/dist/MarkerCluster.css";
import "leaflet.markercluster/dist/MarkerCluster.Default.css";
import iconRetinaUrl from "leaflet/dist/images/marker-icon-2x.png";
import iconUrl from "leaflet/dist/images/marker-icon.png";
import shadowUrl from "leaflet/dist/images/marker-shadow.png";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useCoalition } from "~/use-coalition";
import type { MapPoint, ResultsMapProps } from "./map-types";

/*
 * Browser-only: loaded with React.lazy after hydration, and only when the visitor asks for the
 * map, so Leaflet never weighs on the first page load (nor runs on the server).
 */

// Bundled marker images; an empty imagePath stops Leaflet from prefixing the path it guesses
// from its CSS (which breaks the hashed asset URLs).
L.Icon.Default.imagePath = "";
L.Icon.Default.mergeOptions({ iconUrl, iconRetinaUrl, shadowUrl });

const MAX_ZOOM = 18;
const COUNTY_OUTLINES_URL = "/geo/counties.geojson";
const HIGHLIGHT_CLASS = "is-highlighted";

function popupContent(point: MapPoint): HTMLElement {
  const box = document.createElement("div");
  box.className = "map-popup";
  // The map itself is laid out left to right (see below); its text follows the page.
  box.dir = document.documentElement.dir || "auto";
  const title = document.createElement("strong");
  title.textContent = point.title;
  box.append(title);
  if (point.address) {
    const address = document.createElement("span");
    address.textContent = point.address;
    box.append(address);
  }
  const link = document.createElement("a");
  link.href = point.href;
  link.textContent = point.linkLabel;
  if (point.external) link.rel = "noreferrer noopener";
  box.append(link);
  return box;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** An offline basemap: county outlines served by Puente itself, for when tiles cannot load. */
async function addCountyOutlines(map: L.Map): Promise<boolean> {
  try {
    const response = await fetch(COUNTY_OUTLINES_URL);
    if (!response.ok) return false;
    const outlines = (await response.json()) as GeoJSON.GeoJsonObject;
    L.geoJSON(outlines, {
      interactive: false,
      style: { color: "#4a5058", weight: 1, fillColor: "#eef1f4", fillOpacity: 0.7 },
    })
      .addTo(map)
      .bringToBack();
    return true;
  } catch {
    return false;
  }
}

export default function ResultsMap({
  points,
  tiles,
  highlightedId = null,
  onHighlight,
  label,
}: ResultsMapProps) {
  const { t } = useTranslation("search");
  // Where the map opens before it fits the results; read once, when the map is created.
  const centerRef = useRef(useCoalition().mapCenter);
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const clusterRef = useRef<L.MarkerClusterGroup | null>(null);
  const markersRef = useRef(new Map<string, L.Marker>());
  const highlightedRef = useRef(highlightedId);
  const onHighlightRef = useRef(onHighlight);
  const [basemap, setBasemap] = useState<"tiles" | "outlines" | "none">("tiles");
  // Leaflet's own controls speak English; these give them the visitor's language.
  const labelsRef = useRef({
    zoomIn: t("map.zoomIn"),
    zoomOut: t("map.zoomOut"),
    closePopup: t("map.closePopup"),
    cluster: (count: number) => t("map.cluster", { count }),
  });

  useEffect(() => {
    onHighlightRef.current = onHighlight;
  }, [onHighlight]);

  // The marker (or the cluster that holds it at this zoom) of the highlighted result.
  const applyHighlight = () => {
    const container = containerRef.current;
    const cluster = clusterRef.current;
    if (!container || !cluster) return;
    container
      .querySelectorAll(`.${HIGHLIGHT_CLASS}`)
      .forEach((element) => element.classList.remove(HIGHLIGHT_CLASS));
    const marker = highlightedRef.current ? markersRef.current.get(highlightedRef.current) : null;
    if (!marker) return;
    const visible = cluster.getVisibleParent(marker) as L.Marker | null;
    visible?.getElement()?.classList.add(HIGHLIGHT_CLASS);
  };
  const applyHighlightRef = useRef(applyHighlight);
  applyHighlightRef.current = applyHighlight;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let disposed = false;
    const labels = labelsRef.current;
    const map = L.map(container, {
      center: [centerRef.current.lat, centerRef.current.lng],
      zoom: centerRef.current.zoom,
      maxZoom: MAX_ZOOM,
      zoomControl: false,
      // A page that scrolls should not zoom the map under the visitor's finger or wheel.
      scrollWheelZoom: false,
    });
    L.control.zoom({ zoomInTitle: labels.zoomIn, zoomOutTitle: labels.zoomOut }).addTo(map);
    map.on("popupopen", (event) => {
      event.popup
        .getElement()
        ?.querySelector(".leaflet-popup-close-button")
        ?.setAttribute("aria-label", labels.closePopup);
    });
    const tileLayer = L.tileLayer(tiles.url, {
      attribution: tiles.attribution,
      maxZoom: MAX_ZOOM,
    }).addTo(map);
    let fellBack = false;
    tileLayer.on("tileerror", () => {
      if (fellBack) return;
      fellBack = true;
      void addCountyOutlines(map).then((added) => {
        if (!disposed) setBasemap(added ? "outlines" : "none");
      });
    });
    const cluster = L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 40,
      // The default look, plus words for screen readers ("3 places here, zoom in").
      iconCreateFunction: (group) => {
        const count = group.getChildCount();
        const size = count < 10 ? "small" : count < 100 ? "medium" : "large";
        return L.divIcon({
          html: `<div><span>${count}<span class="visually-hidden"> ${escapeHtml(labels.cluster(count))}</span></span></div>`,
          className: `marker-cluster marker-cluster-${size}`,
          iconSize: L.point(40, 40),
        });
      },
    });
    cluster.on("animationend", () => applyHighlightRef.current());
    map.on("zoomend", () => applyHighlightRef.current());
    map.addLayer(cluster);
    mapRef.current = map;
    clusterRef.current = cluster;
    return () => {
      disposed = true;
      map.remove();
      mapRef.current = null;
      clusterRef.current = null;
    };
  }, [tiles.url, tiles.attribution]);

  useEffect(() => {
    const map = mapRef.current;
    const cluster = clusterRef.current;
    if (!map || !cluster) return;
    cluster.clearLayers();
    markersRef.current.clear();
    const markers = points.map((point) => {
      const marker = L.marker([point.lat, point.lng], {
        title: point.title,
        alt: point.title,
        keyboard: true,
        riseOnHover: true,
      }).bindPopup(popupContent(point));
      const highlight = () => onHighlightRef.current?.(point.id);
      const clear = () => onHighlightRef.current?.(null);
      marker.on("mouseover popupopen", highlight);
      marker.on("mouseout popupclose", clear);
      // A new icon element is created each time clustering adds the marker back.
      marker.on("add", () => {
        const element = marker.getElement();
        element?.addEventListener("focus", highlight);
        element?.addEventListener("blur", clear);
      });
      markersRef.current.set(point.id, marker);
      return marker;
    });
    cluster.addLayers(markers);
    if (points.length > 0) {
      map.fitBounds(L.latLngBounds(points.map((point) => [point.lat, point.lng])), {
        padding: [24, 24],
        maxZoom: 15,
      });
    }
    applyHighlightRef.current();
  }, [points]);

  useEffect(() => {
    highlightedRef.current = highlightedId;
    applyHighlightRef.current();
  }, [highlightedId]);

  return (
    <div className="results-map">
      {/* Leaflet positions tiles and controls for left-to-right; geography has no direction. */}
      <div
        ref={containerRef}
        className="results-map__canvas"
        role="region"
        aria-label={label}
        dir="ltr"
      />
      {basemap !== "tiles" ? (
        <p className="results-map__notice" role="status">
          {basemap === "outlines" ? t("map.offlineOutlines") : t("map.offline")}
        </p>
      ) : null}
    </div>
  );
}
