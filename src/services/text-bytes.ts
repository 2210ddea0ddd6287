/**
 * Files are edited as text, but not every file is UTF-8 (a Latin-1 comment in src/modules.ts).
 * Like Python's "surrogateescape", each byte that is not part of valid UTF-8 becomes a lone
 * surrogate U+DC80..U+DCFF on reading and the same byte again on writing, so the bytes outside
 * an edit come back exactly as they were.
 */

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const ESCAPED = /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/g

/** Length of the valid UTF-8 sequence starting at `i`, or 0 (Unicode's table 3-7 of well-formed sequences). */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < bytes.length && bytes[i + k]! >= lo && bytes[i + k]! <= hi
  if (b < 0x80) return 1
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0
  if (b === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0
  if (b === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0
  if (b >= 0xe1 && b <= 0xef) return cont(1) && cont(2) ? 3 : 0
  if (b === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0
  if (b >= 0xf1 && b <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0
  if (b === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0
  return 0
}

export function decodeText(bytes: Uint8Array): string {
  try {
    return strict.decode(bytes)
  } catch {
    let text = ''
    let runStart = 0
    let i = 0
    while (i < bytes.length) {
      const length = sequenceLength(bytes, i)
      if (length > 0) {
        i += length
        continue
      }
      text += Buffer.from(bytes.buffer, bytes.byteOffset + runStart, i - runStart).toString('utf8')
      text += String.fromCharCode(0xdc00 + bytes[i]!)
      i += 1
      runStart = i
    }
    return text + Buffer.from(bytes.buffer, bytes.byteOffset + runStart, i - runStart).toString('utf8')
  }
}

export function encodeText(text: string): Buffer {
  if (!ESCAPED.test(text)) return Buffer.from(text, 'utf8')
  ESCAPED.lastIndex = 0
  const parts: Buffer[] = []
  let from = 0
  for (const match of text.matchAll(ESCAPED)) {
    parts.push(Buffer.from(text.slice(from, match.index), 'utf8'), Buffer.of(match[0].charCodeAt(0) - 0xdc00))
    from = match.index + 1
  }
  parts.push(Buffer.from(text.slice(from), 'utf8'))
  return Buffer.concat(parts)
}
