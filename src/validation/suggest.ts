/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) d[0]![j] = j
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1)
    }
  }
  return d[a.length]![b.length]!
}

/** The closest candidate, if it is close enough to be what was meant (a typo, or a unique start of it). */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase()
  const limit = Math.max(1, Math.floor(lower.length / 3))
  const ranked = candidates
    .map((c) => ({ c, d: editDistance(lower, c.toLowerCase()) }))
    .filter(({ d }) => d <= limit)
    .sort((x, y) => x.d - y.d)
  if (ranked[0]) return ranked[0].c
  const starts = lower.length >= 3 ? candidates.filter((c) => c.toLowerCase().startsWith(lower)) : []
  return starts.length === 1 ? starts[0] : undefined
}

export const didYouMean = (word: string, candidates: readonly string[], show = (c: string) => c) => {
  const match = closest(word, candidates)
  return match ? `; did you mean ${show(match)}?` : ''
}
