import type { CountyCode } from "#db/codes/counties";

/** A place resolved offline from what a person typed in "near". */
export interface Place {
  kind: "zip" | "place";
  /** What to show: "11368 · Corona, Queens" or "Jackson Heights, Queens". */
  label: string;
  latitude: number;
  longitude: number;
  /** Set when the place lies in one of the coalition's counties. */
  county?: CountyCode;
}
