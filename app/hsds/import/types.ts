/*
 * The one shape every reader (HSDS JSON, tabular package, coalition spreadsheet) produces:
 * organizations with their locations and services, values still as the source wrote them
 * (strings), each with where it came from, so problems are reported as `file:row field: message`.
 */

export interface Origin {
  file: string;
  /** 1-based: a CSV line (the header is line 1), or the position in a JSON list. */
  row: number;
}

export interface Problem extends Origin {
  field: string;
  message: string;
  /** The record it is about was not imported (else it was imported without this value). */
  refused?: boolean;
}

export interface RawTerm {
  taxonomy?: string;
  code?: string;
  name?: string;
}

export interface RawPhone {
  sourceId?: string;
  number: string;
  extension?: string | number;
  type?: string;
  description?: string;
  languages: string[];
  origin: Origin;
}

/** One opening: HSDS schedule fields, or a spreadsheet's weekday + opens/closes. */
export interface RawHours {
  byday?: string;
  freq?: string;
  opensAt?: string;
  closesAt?: string;
  /** Free text such as "Mon-Fri 9am-5pm; Sat 10-2" (spreadsheets). */
  text?: string;
  origin: Origin;
}

export interface RawLocation {
  /** The source's id, or a stable key derived from the address. */
  sourceId: string;
  name?: string;
  description?: string;
  address1?: string;
  address2?: string;
  city?: string;
  state?: string;
  postalCode?: string;
  country?: string;
  latitude?: string | number;
  longitude?: string | number;
  accessibility?: string;
  transportation?: string;
  phones: RawPhone[];
  origin: Origin;
}

export interface RawService {
  sourceId: string;
  name?: string;
  alternateName?: string;
  description?: string;
  url?: string;
  email?: string;
  status?: string;
  applicationProcess?: string;
  feesDescription?: string;
  eligibilityDescription?: string;
  assuredDate?: string;
  languages: string[];
  terms: RawTerm[];
  /** Where clients may live: HSDS service_area names ("Queens County", "New York State"). */
  areas: string[];
  phones: RawPhone[];
  hours: RawHours[];
  locationIds: string[];
  /** Hours at one of its places (HSDS service_at_location schedules), by location source id. */
  hoursAt: Array<{ locationId: string; hours: RawHours[] }>;
  origin: Origin;
}

export interface RawOrganization {
  sourceId: string;
  name?: string;
  alternateName?: string;
  description?: string;
  email?: string;
  website?: string;
  phones: RawPhone[];
  locations: RawLocation[];
  services: RawService[];
  origin: Origin;
}

export interface ReadResult {
  /** What the history of imported listings names: the file or folder's name. */
  source: string;
  organizations: RawOrganization[];
  problems: Problem[];
}
