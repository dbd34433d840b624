/**
 * Related locations travel inside the message text, because ESLint keeps nothing of a report but
 * its text and position (and worker threads share no memory). A rule appends
 * `relatedSuffix([...])` to its message data; plain ESLint users read it as part of the message
 * (`… ⟨related: 01_load.py:9 written here⟩`), and the CLI splits it back into `related`.
 */
import type { RelatedLocation } from "./model.js";

const OPEN = " ⟨related: ";
const CLOSE = "⟩";
const ITEM = /^(.+?)(?: cell (\d+))?:(\d+)(?::(\d+))? (.+)$/u;

function formatItem(item: RelatedLocation): string {
  const where = `${item.file}${item.cell !== undefined ? ` cell ${item.cell}` : ""}:${item.line}${item.column !== undefined ? `:${item.column}` : ""}`;
  return `${where} ${item.message.replace(/[|⟩]/gu, " ")}`;
}

/** The suffix a rule appends to a message to carry related locations ("" when there are none). */
export function relatedSuffix(items: readonly RelatedLocation[]): string {
  return items.length === 0 ? "" : `${OPEN}${items.map(formatItem).join(" | ")}${CLOSE}`;
}

/** Splits a message into its text and the related locations its suffix carries. */
export function splitRelated(message: string): { message: string; related: RelatedLocation[] } {
  const start = message.lastIndexOf(OPEN);
  if (start < 0 || !message.endsWith(CLOSE)) return { message, related: [] };
  const related: RelatedLocation[] = [];
  for (const part of message.slice(start + OPEN.length, -CLOSE.length).split(" | ")) {
    const match = ITEM.exec(part);
    if (!match) return { message, related: [] };
    related.push({
      file: match[1]!,
      line: Number(match[3]),
      ...(match[4] !== undefined ? { column: Number(match[4]) } : {}),
      ...(match[2] !== undefined ? { cell: Number(match[2]) } : {}),
      message: match[5]!,
    });
  }
  return { message: message.slice(0, start), related };
}
