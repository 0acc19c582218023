// placeholder, replaced at merge (the geo branch owns this module).

/** Rounds a coordinate; 2 decimals is about 1 km, what "use my location" sends. */
export function roundCoordinate(value: number, decimals = 2): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
