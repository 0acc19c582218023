import type { FieldMetadata } from "@conform-to/react";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { COMMON_SERVICE_LANGUAGES } from "#db/codes/directory";
import { useLocalePath } from "~/i18n/hooks";
import { joinLanguageList, splitLanguageList } from "~/i18n/language-list";
import { Hint, FieldErrors, TextField } from "./form-fields";
import { useHydrated } from "./useHydrated";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Meta = FieldMetadata<any, any, string[]>;

interface Suggestion {
  code: string;
  name: string;
  matched?: string;
}

/**
 * Languages a listing offers beyond its checkboxes, by name (issue 12 item 8). Without
 * JavaScript: one text field of names separated by commas, resolved to codes on the server
 * (unknown names come back with a message and what was typed). With it: a combobox that
 * suggests languages as the editor types (in the interface language, in English or in the
 * language itself, from GET /portal/languages), and the chosen ones as removable chips; the
 * form still sends the same field, the names joined by commas. A language that has a checkbox
 * ticks its box instead.
 */
export function LanguagePicker(props: { meta: Meta; label: string; hint: string }) {
  const hydrated = useHydrated();
  if (!hydrated) return <TextField meta={props.meta} label={props.label} hint={props.hint} />;
  return <LanguageCombobox key={props.meta.key} {...props} />;
}

function LanguageCombobox({ meta, label }: { meta: Meta; label: string; hint: string }) {
  const { t } = useTranslation("portal");
  const href = useLocalePath();
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const initial = typeof meta.initialValue === "string" ? meta.initialValue : "";
  const [chosen, setChosen] = useState<string[]>(() => splitLanguageList(initial));
  const [text, setText] = useState("");
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [announcement, setAnnouncement] = useState("");

  useEffect(() => {
    const query = text.trim();
    if (!query) {
      setSuggestions([]);
      setOpen(false);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(`${href("/portal/languages")}?${new URLSearchParams({ q: query })}`, {
        signal: controller.signal,
        headers: { Accept: "application/json" },
      })
        .then((response) => (response.ok ? response.json() : { suggestions: [] }))
        .then((body: { suggestions: Suggestion[] }) => {
          setSuggestions(body.suggestions);
          setActive(body.suggestions.length > 0 ? 0 : -1);
          setOpen(true);
          setAnnouncement(
            body.suggestions.length > 0
              ? t("languagePicker.found", { count: body.suggestions.length })
              : t("languagePicker.noMatch"),
          );
        })
        .catch(() => {});
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // `href` and `t` change identity on every render; the query is what matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);

  const close = () => {
    setOpen(false);
    setActive(-1);
  };

  const add = (name: string) => {
    const trimmed = name.trim();
    if (!trimmed) return;
    setChosen((names) =>
      names.some((existing) => existing.toLowerCase() === trimmed.toLowerCase())
        ? names
        : [...names, trimmed],
    );
    setAnnouncement(t("languagePicker.added", { name: trimmed }));
    setText("");
    close();
  };

  const choose = (suggestion: Suggestion) => {
    const box = (COMMON_SERVICE_LANGUAGES as readonly string[]).includes(suggestion.code)
      ? inputRef.current?.form?.querySelector<HTMLInputElement>(
          `input[type="checkbox"][name="languages"][value="${suggestion.code}"]`,
        )
      : null;
    if (box) {
      if (!box.checked) {
        box.checked = true;
        box.dispatchEvent(new Event("input", { bubbles: true }));
        box.dispatchEvent(new Event("change", { bubbles: true }));
      }
      setAnnouncement(t("languagePicker.added", { name: suggestion.name }));
      setText("");
      close();
      return;
    }
    add(suggestion.name);
  };

  const remove = (name: string) => {
    setChosen((names) => names.filter((existing) => existing !== name));
    setAnnouncement(t("languagePicker.removed", { name }));
    inputRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" && suggestions.length > 0) {
      event.preventDefault();
      setOpen(true);
      setActive((index) => (index + 1) % suggestions.length);
    } else if (event.key === "ArrowUp" && suggestions.length > 0) {
      event.preventDefault();
      setOpen(true);
      setActive((index) => (index <= 0 ? suggestions.length - 1 : index - 1));
    } else if (event.key === "Enter") {
      // Enter picks a language; it never sends the whole form from here.
      if (open && active >= 0 && suggestions[active]) {
        event.preventDefault();
        choose(suggestions[active]);
      } else if (text.trim()) {
        event.preventDefault();
        add(text);
      }
    } else if (event.key === "," || event.key === "،" || event.key === "，") {
      event.preventDefault();
      add(text);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      close();
    } else if (event.key === "Backspace" && !text && chosen.length > 0) {
      remove(chosen[chosen.length - 1]!);
    }
  };

  const optionId = (index: number) => `${listId}-option-${index}`;
  const errors = meta.errors?.length ? meta.errorId : undefined;
  // What was typed but not yet chosen is sent too, so nothing typed is lost.
  const value = joinLanguageList([...chosen, ...splitLanguageList(text)]);
  return (
    <div className="field language-picker">
      <label htmlFor={meta.id}>{label}</label>
      {chosen.length > 0 ? (
        <ul className="chips" aria-label={t("languagePicker.chosen")}>
          {chosen.map((name) => (
            <li key={name} className="chip">
              <span>{name}</span>
              <button
                type="button"
                className="chip__remove"
                aria-label={t("languagePicker.remove", { name })}
                onClick={() => remove(name)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <input type="hidden" name={meta.name} value={value} />
      <div className="combobox">
        <input
          ref={inputRef}
          id={meta.id}
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={open && suggestions.length > 0}
          aria-controls={listId}
          aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
          aria-describedby={[meta.descriptionId, errors].filter(Boolean).join(" ")}
          aria-invalid={errors ? true : undefined}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => setTimeout(close, 150)}
        />
        <ul
          id={listId}
          role="listbox"
          aria-label={label}
          className="combobox__list"
          hidden={!open || suggestions.length === 0}
        >
          {suggestions.map((suggestion, index) => (
            // The keyboard works from the combobox (arrows, Enter), as the ARIA pattern says.
            // eslint-disable-next-line jsx-a11y/click-events-have-key-events
            <li
              key={suggestion.code}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              className={index === active ? "combobox__option is-active" : "combobox__option"}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(suggestion)}
            >
              {suggestion.name}
              {suggestion.matched ? (
                <span className="combobox__matched"> · {suggestion.matched}</span>
              ) : null}
            </li>
          ))}
        </ul>
      </div>
      <Hint meta={meta} hint={t("languagePicker.hint")} />
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      <FieldErrors meta={meta} />
    </div>
  );
}
