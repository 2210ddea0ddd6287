// Writes docs/commands.md from the action specs (the data --help and `schema` use), linking each
// command to the topic pages' sections about it. Run: npm run docs (it builds first).
// test/docs.test.ts fails while the committed page differs from what this writes.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { commandsPage, moreLinks } from '../dist/testing.js'

export const COMMANDS_PAGE = 'docs/commands.md'

/** The commands page as it should be committed now. */
export function commandsMarkdown(root) {
  const dir = join(root, 'docs')
  const pages = readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'commands.md').sort()
    .map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8') }))
  return commandsPage(moreLinks(pages))
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url))
  writeFileSync(join(root, COMMANDS_PAGE), commandsMarkdown(root))
  console.log(`wrote ${COMMANDS_PAGE}`)
}
