import L from "leaflet";
import "leaflet/dist/leaflet.css";
import markerIcon2x from "leaflet/dist/images/marker-icon-2x.png";
import markerIcon from "leaflet/dist/images/marker-icon.png";
import markerShadow from "leaflet/dist/images/marker-shadow.png";
import { useEffect, useRef } from "react";
import { useCoalition } from "~/use-coalition";

// Bundled marker images instead of Leaflet's guess at an image path.
L.Icon.Default.imagePath = "";
L.Icon.Default.mergeOptions({
  iconUrl: markerIcon,
  iconRetinaUrl: markerIcon2x,
  shadowUrl: markerShadow,
});

const round = (value: number) => Math.round(value * 1e6) / 1e6;

/** A map where clicking places the location's marker; browser-only (loaded after hydration). */
export default function LocationPicker({
  latitude,
  longitude,
  tileUrl,
  attribution,
  label,
  onPick,
}: {
  latitude: number | null;
  longitude: number | null;
  tileUrl: string;
  attribution: string;
  label: string;
  onPick: (latitude: number, longitude: number) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const { mapCenter } = useCoalition();
  const pick = useRef(onPick);
  pick.current = onPick;
  useEffect(() => {
    const start: L.LatLngTuple | null =
      latitude !== null && longitude !== null ? [latitude, longitude] : null;
    const map = L.map(container.current!, { maxZoom: 19 }).setView(
      start ?? [mapCenter.lat, mapCenter.lng],
      start ? 16 : mapCenter.zoom,
    );
    L.tileLayer(tileUrl, { attribution, maxZoom: 19 }).addTo(map);
    let marker = start ? L.marker(start).addTo(map) : null;
    map.on("click", (event: L.LeafletMouseEvent) => {
      const point: L.LatLngTuple = [round(event.latlng.lat), round(event.latlng.lng)];
      if (marker) marker.setLatLng(point);
      else marker = L.marker(point).addTo(map);
      pick.current(point[0], point[1]);
    });
    return () => {
      map.remove();
    };
    // The map is created once; later marker moves come from clicks on it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return <div ref={container} className="location-picker" aria-label={label} role="region" />;
}
