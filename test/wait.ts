/**
 * Waiting in tests: for a condition, never for a time. A busy machine (CI on a developer's laptop,
 * load 12 on two cores) makes every step slower, so the only limit is a ceiling generous enough that
 * reaching it means the condition will not come, and the failure shows what was there instead.
 */
export const CEILING_MS = 180_000

/**
 * Polls `check` until it returns something other than false, null or undefined, and returns that.
 * `shown` describes the state at the ceiling (the screen, the output so far) for the error.
 */
export async function waitUntil<T>(check: () => T | false | null | undefined, what: string, shown: () => string, ceiling = CEILING_MS): Promise<T> {
  const started = Date.now()
  // quick at first (a render is a few milliseconds away), then gentler on a machine that is busy anyway
  for (let pause = 10; ; pause = Math.min(pause * 2, 100)) {
    const value = check()
    if (value !== false && value !== null && value !== undefined) return value
    if (Date.now() - started > ceiling) throw new Error(`waited ${Math.round((Date.now() - started) / 1000)} s for ${what}; it never came. Shown:\n${shown()}`)
    await new Promise((r) => setTimeout(r, pause))
  }
}
