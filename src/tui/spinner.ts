import { useEffect, useState } from 'react'

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']

/** A spinner frame that turns while `running`, so a line whose answer is still coming shows it is being worked on. */
export function useSpinner(running: boolean): string {
  const [frame, setFrame] = useState(0)
  useEffect(() => {
    if (!running) return undefined
    const timer = setInterval(() => setFrame((f) => (f + 1) % FRAMES.length), 120)
    return () => clearInterval(timer)
  }, [running])
  return FRAMES[frame]!
}
