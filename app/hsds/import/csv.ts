/**
 * RFC 4180 CSV (quoted fields with commas, quotes and new lines; CRLF or LF), as spreadsheets
 * save it. Each row is an object by header name (trimmed, lower-cased) with its 1-based line
 * number (the header is line 1).
 */
export function parseCsv(text: string): {
  header: string[];
  rows: Array<{ line: number; values: Record<string, string> }>;
} {
  const records: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else {
        if (char === "\n") line++;
        cell += char;
      }
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      cells.push(cell);
      cell = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      cells.push(cell);
      records.push({ line: recordLine, cells });
      cells = [];
      cell = "";
      recordLine = ++line;
    } else cell += char;
  }
  if (cell !== "" || cells.length > 0) {
    cells.push(cell);
    records.push({ line: recordLine, cells });
  }
  const [head, ...body] = records.filter((r) => r.cells.some((c) => c.trim() !== ""));
  const header = (head?.cells ?? []).map((name) => name.trim().toLowerCase());
  return {
    header,
    rows: body.map((record) => ({
      line: record.line,
      values: Object.fromEntries(header.map((name, index) => [name, record.cells[index] ?? ""])),
    })),
  };
}
