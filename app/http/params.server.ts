import type { Params } from "@remix-run/react";
import { notFound } from "./errors";
import { refusalResponse } from "./responses.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every id in Puente is a UUID: anything else that arrives in a URL or a form names no row. */
export function isId(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** A required route parameter; missing means the URL is wrong (404). */
export function param(params: Params, name: string): string {
  const value = params[name];
  if (!value) throw refusalResponse(notFound());
  return value;
}

/** An id from the URL: anything that is not a UUID cannot name a row, so it is "not found". */
export function idParam(params: Params, name: string): string {
  const value = param(params, name);
  if (!isId(value)) throw refusalResponse(notFound());
  return value;
}
