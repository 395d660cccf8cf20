/**
 * A version card's height for its text: the tree's layout needs one row height before the cards
 * are drawn, so each line's wrapped length is estimated from its characters (generously, so the
 * text wraps inside the card and never spills out of it).
 */
export const CARD_WIDTH = 168;
const PADDING_X = 20;
/** Wider than an average 11.5px sans-serif character, so the estimate errs towards room to spare. */
const CHAR_PX = 7.2;
const LINE_PX = 15;
const HEAD_PX = 24;
const PADDING_Y = 12;

export const charsPerLine = (width = CARD_WIDTH): number =>
  Math.max(1, Math.floor((width - PADDING_X) / CHAR_PX));

/** Lines a text takes when wrapped anywhere at `charsPerLine` (an empty one still takes a line). */
export const linesOf = (text: string, perLine = charsPerLine()): number =>
  Math.max(1, Math.ceil([...text].length / perLine));

/** The height that fits every card's lines (each card: the version row, then its text lines). */
export function cardHeight(cards: readonly (readonly string[])[]): number {
  const lines = Math.max(0, ...cards.map((lines) => lines.reduce((n, l) => n + linesOf(l), 0)));
  return HEAD_PX + lines * LINE_PX + PADDING_Y;
}
