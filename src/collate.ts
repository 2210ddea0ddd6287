// Paths, module ids and registry keys are ordered with String.prototype.localeCompare, as they always
// were (the change lists, the manifest and the generated registry follow that order). Its first call
// loads ICU's collator, 30-70 ms of a scaffold that otherwise runs in a few hundred. For the strings
// these hold (lower-case ASCII letters, digits and `_ - : . /`) under an English or POSIX locale, the
// collation is a fixed order of those characters, compared one by one: the root collation gives each
// a distinct primary weight and there is no contraction among them. Anything else asks ICU.
// test/collate.test.ts holds the two to the same answer.

const ORDER = '_-:./0123456789abcdefghijklmnopqrstuvwxyz'
const RANK = new Int8Array(128).fill(-1)
for (let i = 0; i < ORDER.length; i++) RANK[ORDER.charCodeAt(i)] = i

const plainLocale = () =>
  ['LC_ALL', 'LC_COLLATE', 'LC_MESSAGES', 'LANG'].every((name) => {
    const value = process.env[name]
    return !value || /^(C|POSIX|en)([._@-]|$)/.test(value)
  })
let plain: boolean | undefined

/** a.localeCompare(b), without loading ICU for the plain strings paths and ids are made of. */
export function collate(a: string, b: string): number {
  plain ??= plainLocale()
  if (plain) {
    const n = Math.min(a.length, b.length)
    let i = 0
    for (; i < n; i++) {
      const x = a.charCodeAt(i)
      const y = b.charCodeAt(i)
      const rx = x < 128 ? RANK[x]! : -1
      const ry = y < 128 ? RANK[y]! : -1
      if (rx < 0 || ry < 0) break
      if (rx !== ry) return rest(a, i) && rest(b, i) ? Math.sign(rx - ry) : a.localeCompare(b)
    }
    if (i === n && rest(a, n) && rest(b, n)) return Math.sign(a.length - b.length)
  }
  return a.localeCompare(b)
}

/** Whether every character of `s` from `from` on is one the fixed order covers. */
function rest(s: string, from: number): boolean {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 128 || RANK[c]! < 0) return false
  }
  return true
}
