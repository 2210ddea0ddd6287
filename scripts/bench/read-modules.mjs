// The floor for the generator: read every file under each given module folder once, and nothing else.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

let bytes = 0
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) walk(path)
    else bytes += readFileSync(path).length
  }
}
for (const dir of process.argv.slice(2)) walk(dir)
if (bytes === 0) process.exit(1)
