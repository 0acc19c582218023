/** What the lazy Leaflet map (ResultsMap.client.tsx) is given; shared by search and org pages. */
export interface MapPoint {
  id: string;
  lat: number;
  lng: number;
  /** Bold first line of the popup and the marker's accessible name. */
  title: string;
  /** Link text in the popup (the organization's name, or "Directions"). */
  linkLabel: string;
  href: string;
  /** External links (directions) open the other site; internal ones stay in Puente. */
  external?: boolean;
  address?: string;
}

export interface MapTiles {
  url: string;
  /** HTML from configuration (MAP_TILE_ATTRIBUTION), shown in the map's corner. */
  attribution: string;
}

export interface ResultsMapProps {
  points: MapPoint[];
  tiles: MapTiles;
  highlightedId?: string | null;
  onHighlight?: (id: string | null) => void;
  /** The accessible name of the map region. */
  label: string;
}
