import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * Every user-facing string goes through i18next. This walks the JSX of app/ and fails on text
 * children with letters, and on user-facing attributes (aria-label, placeholder, title, alt,
 * label) given as string literals.
 */
const appDir = path.resolve(__dirname, "../../app");
const USER_FACING_ATTRIBUTES = new Set([
  "aria-label",
  "placeholder",
  "title",
  "alt",
  "label",
  "aria-description",
]);
/** Text that is the same in every language (symbols, separators). */
const ALLOWED_TEXT = /^[\s·•|/:,.()\-–—→←+*#0-9%&;]*$/u;

function tsxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return tsxFiles(full);
    return full.endsWith(".tsx") ? [full] : [];
  });
}

function hardCodedStrings(file: string, text = readFileSync(file, "utf8")): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const where = (node: ts.Node) =>
    `${path.relative(appDir, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      const text = node.getText().trim();
      if (text && /\p{L}/u.test(text) && !ALLOWED_TEXT.test(text))
        found.push(`${where(node)} text "${text}"`);
    }
    if (ts.isJsxAttribute(node) && node.initializer && ts.isStringLiteral(node.initializer)) {
      const name = node.name.getText();
      const value = node.initializer.text;
      if (USER_FACING_ATTRIBUTES.has(name) && /\p{L}/u.test(value))
        found.push(`${where(node)} ${name}="${value}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("interface strings", () => {
  it("are never hard-coded in components", () => {
    const offenders = tsxFiles(appDir).flatMap((file) => hardCodedStrings(file));
    expect(offenders).toEqual([]);
  });

  it("the check itself catches a hard-coded string", () => {
    const sample = path.join(appDir, "components", "Sample.tsx");
    const found = hardCodedStrings(
      sample,
      `export const A = ({ t }) => <p aria-label="Close" title={t("x")}>Hello {t("y")} ·</p>;`,
    );
    expect(found).toEqual([
      'components/Sample.tsx:1 aria-label="Close"',
      'components/Sample.tsx:1 text "Hello"',
    ]);
  });
});
