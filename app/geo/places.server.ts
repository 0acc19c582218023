// placeholder, replaced at merge (the geo branch resolves any US ZIP and NY place offline).
import type { Place } from "./types";

const KNOWN: Record<string, Place> = {
  "11368": {
    kind: "zip",
    label: "11368 · Corona, Queens",
    latitude: 40.749,
    longitude: -73.862,
    county: "36081",
  },
  "10001": {
    kind: "zip",
    label: "10001 · Chelsea, Manhattan",
    latitude: 40.75,
    longitude: -73.997,
    county: "36061",
  },
  "jackson heights": {
    kind: "place",
    label: "Jackson Heights, Queens",
    latitude: 40.756,
    longitude: -73.883,
    county: "36081",
  },
};

export function resolvePlace(input: string): Place | undefined {
  const trimmed = input.trim().toLowerCase();
  const coordinates = /^(-?\d{1,2}(?:\.\d+)?),\s*(-?\d{1,3}(?:\.\d+)?)$/.exec(trimmed);
  if (coordinates) {
    const latitude = Number(coordinates[1]);
    const longitude = Number(coordinates[2]);
    return { kind: "place", label: `${latitude}, ${longitude}`, latitude, longitude };
  }
  return KNOWN[trimmed];
}
