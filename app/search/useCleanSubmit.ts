import { useSubmit } from "@remix-run/react";
import type { FormEvent } from "react";

/**
 * Submits a GET form without its empty fields ("any cost", an empty place...), so shared
 * links stay short and readable. Without JavaScript the browser submits them all, which the
 * search parameters parser treats as absent.
 */
export function useCleanSubmit(): (event: FormEvent<HTMLFormElement>) => void {
  const submit = useSubmit();
  return (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (typeof value === "string" && value.trim() !== "") params.append(name, value.trim());
    }
    submit(params, { method: "get", action: form.getAttribute("action") ?? undefined });
  };
}
