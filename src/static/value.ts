/** A value the static evaluator could not know, with where it came from and why. */
export class Unknown {
  constructor(readonly file: string, readonly line: number, readonly why: string) {}
}

/** What the evaluator reads an expression as; an `Unknown` only where the caller asked to be told why. */
export type Resolved = string | number | boolean | null | undefined | Unknown | Resolved[] | { [key: string]: Resolved }

/** Plain data: a resolved value with nothing unknown left in it. */
export type StaticValue = string | number | boolean | null | StaticValue[] | { [key: string]: StaticValue } | undefined

export const isUnknown = (v: unknown): v is Unknown => v instanceof Unknown
export const isRecord = (v: unknown): v is { [key: string]: Resolved } => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unknown)

/** The first Unknown inside a value (itself, an element, a field), if any. */
export function firstUnknown(v: Resolved): Unknown | undefined {
  if (v instanceof Unknown) return v
  if (Array.isArray(v)) return v.map(firstUnknown).find(Boolean)
  if (isRecord(v)) return Object.values(v).map(firstUnknown).find(Boolean)
  return undefined
}

/** A resolved value with what could not be known left out (as undefined), as plain data for an emitter. */
export function known(v: Resolved): StaticValue {
  if (isUnknown(v)) return undefined
  if (Array.isArray(v)) return v.map(known)
  if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, known(x)]))
  return v
}
