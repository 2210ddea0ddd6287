/**
 * Edits are written with "\n"; a file whose every line ends in "\r\n" keeps that ending on the
 * lines an edit adds. A file with mixed endings is left as the edit made it: converting its bare
 * "\n" lines would change bytes that were not part of the edit.
 */
export function followLineEndings(before: string, after: string): string {
  const crlf = before.split('\r\n').length - 1
  const lf = before.split('\n').length - 1
  if (crlf === 0 || crlf !== lf) return after
  return after.replace(/\r?\n/g, '\r\n')
}
