/**
 * A line as rows of at most `width` columns, the rows after the first indented: a long line (a CREATE
 * TABLE of twenty columns) is read whole instead of being cut at the terminal's edge. A row breaks
 * after its last space past its leading indentation, so a word or a path is cut only when it is wider
 * than a row by itself. Columns are counted in code points: what is shown this way (SQL, paths, diffs,
 * messages) has no wide characters.
 */
export function wrapLine(text: string, width: number, indent = '  '): string[] {
  let rest = [...text]
  if (rest.length <= width) return [text]
  const rows: string[] = []
  let room = Math.max(1, width)
  while (rest.length > room) {
    const space = rest.lastIndexOf(' ', room - 1)
    const lead = rest.findIndex((c) => c !== ' ')
    const cut = space > lead ? space + 1 : room
    rows.push((rows.length ? indent : '') + rest.slice(0, cut).join(''))
    rest = rest.slice(cut)
    room = Math.max(1, width - indent.length)
  }
  rows.push(indent + rest.join(''))
  return rows
}

/** wrapLine in at most `max` rows, the last one ending with … when the text goes on past them. */
export function wrapRows(text: string, width: number, max: number, indent = '  '): string[] {
  const rows = wrapLine(text, width, indent)
  if (rows.length <= max) return rows
  const last = [...rows[max - 1]!]
  return [...rows.slice(0, max - 1), `${last.slice(0, Math.max(0, Math.min(last.length, width - 1))).join('')}…`]
}
