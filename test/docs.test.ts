import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { checkCommandLine } from '../dist/testing.js'
import { COMMANDS_PAGE, commandsMarkdown } from '../scripts/docs.mjs'
import { fencesOf, pageProblems, parseShell, shellLines, type Rules } from './docs-check.ts'
import { BIN, ROOT, tempDir } from './helpers.ts'

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')
/** Every page a user reads: the README, docs/ and CONTRIBUTING.md. */
const PAGES = ['README.md', 'CONTRIBUTING.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)]

const rules: Rules = {
  tools: new Set(['create-mercato-module', 'npx', 'npm', 'node', 'cd', 'eval', 'claude']),
  bin: 'create-mercato-module',
  check: checkCommandLine,
}

/** The command lines of a page's `sh` blocks, in order. */
const commandLines = (markdown: string) => fencesOf(markdown).filter((f) => f.lang === 'sh').flatMap((f) => shellLines(f.body).map((l) => l.text.replace(/\s+#.*$/, '').trim()))

describe('docs', () => {
  it(`${COMMANDS_PAGE} is what \`npm run docs\` writes from the action specs`, () => {
    const written = commandsMarkdown(ROOT)
    const committed = read(COMMANDS_PAGE)
    if (written === committed) return
    const [a, b] = [committed.split('\n'), written.split('\n')]
    const at = a.findIndex((line, i) => line !== b[i])
    assert.fail(`${COMMANDS_PAGE} is out of date with the action specs: run \`npm run docs\` and commit ${COMMANDS_PAGE}\n`
      + `first difference, line ${at + 1}:\n  committed: ${a[at]}\n  specs say: ${b[at]}`)
  })

  it('every sh block of the README, docs/ and CONTRIBUTING.md pastes as the commands it shows', () => {
    const problems = PAGES.flatMap((page) => pageProblems(page, read(page), rules))
    assert.deepEqual(problems, [], `\n${problems.join('\n')}`)
  })

  it('the check refuses the lines that did something else when pasted: a pipe in a value, a placeholder, a glob, a typo', () => {
    const old = [
      '```sh',
      'npx create-mercato-module entity fleet vehicle --field plate:text:required,indexed --field fuel:select=diesel|electric --show-in-sidebar',
      'npx create-mercato-module data-entity fleet Vehicle --field price:decimal=12,2:required --field status:enum=active|retired --field scheduled_at:datetime',
      'npx create-mercato-module data-entity visits <Name> --field name:text:required',
      'npx create-mercato-module page billing docs/[[...slug]] --area frontend',
      'npx create-mercato-module module visits --with-pages',
      'npx create-mercato-module modul visits',
      '```',
    ].join('\n')
    const problems = pageProblems('old.md', old, rules)
    assert.equal(problems.length, 9, problems.join('\n'))
    assert.match(problems[0]!, /old\.md:2: .*\n {2}an unquoted \| makes it a pipeline/)
    assert.match(problems[1]!, /"electric" is not a command the docs use/)
    assert.match(problems[2]!, /old\.md:3: .*\n {2}an unquoted \| makes it a pipeline/)
    assert.match(problems[3]!, /"retired" is not a command the docs use/)
    assert.match(problems[4]!, /old\.md:4: .*\n {2}an unquoted < reads a file: is it a placeholder/)
    assert.match(problems[5]!, /the tool refuses it: invalid <name>/)
    assert.match(problems[6]!, /old\.md:5: .*\n {2}unquoted \[ \[: the shell expands it/)
    assert.match(problems[7]!, /the tool refuses it: unknown flag --with-pages for module; did you mean --with-page\?/)
    assert.match(problems[8]!, /the tool refuses it: unknown command "modul"/)
    assert.deepEqual(pageProblems('quoted.md', "```sh\nnpx create-mercato-module data-entity fleet Vehicle --field 'status:enum=active|retired'\n```", rules), [])
  })

  it('words are split as the shell splits them', () => {
    assert.deepEqual(parseShell(`FOO=1 npx create-mercato-module page b "a/[id]" --title 'A "b"' x\\ y # note`).commands[0]!.words,
      ['FOO=1', 'npx', 'create-mercato-module', 'page', 'b', 'a/[id]', '--title', 'A "b"', 'x y'])
    assert.deepEqual(parseShell('npm ci && npm test').operators, ['&&'])
    assert.deepEqual(parseShell('create-mercato-module completion fish > ~/x.fish').commands[0]!.words, ['create-mercato-module', 'completion', 'fish'])
  })

  it('.ci/run runs exactly the two commands that open the README\'s quick start and CONTRIBUTING.md', () => {
    const ci = read('.ci/run').split('\n')
    const marker = ci.findIndex((l) => l.startsWith("# The README's two commands"))
    assert.ok(marker >= 0, '.ci/run marks the README\'s two commands')
    const two = ci.slice(marker + 1).map((l) => l.trim()).filter((l) => l !== '')
    assert.equal(two.length, 2, two.join('\n'))
    const quickStart = read('README.md').split('## Quick start')[1]!
    assert.deepEqual(commandLines(quickStart).slice(0, 2), two)
    assert.deepEqual(commandLines(read('CONTRIBUTING.md')).slice(0, 2), two)
  })

  it('the README stays short: at most 200 lines', () => {
    const lines = read('README.md').split('\n').length
    assert.ok(lines <= 200, `README.md has ${lines} lines: move detail to a page under docs/`)
  })

  it('links between the pages lead to a file and a heading that exist', () => {
    const anchors = (page: string) => new Set([...read(page).matchAll(/^#{1,6} (.+)$/gm)].map(([, h]) => h!.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-')))
    const broken: string[] = []
    for (const page of PAGES) {
      const dir = page.includes('/') ? page.slice(0, page.lastIndexOf('/') + 1) : ''
      for (const [, target] of read(page).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue
        const [file, anchor] = target!.split('#')
        const path = file ? join(dir, file).replace(/\\/g, '/') : page
        if (!existsSync(join(ROOT, path))) broken.push(`${page}: ${target} (no ${path})`)
        else if (anchor && path.endsWith('.md') && !anchors(path).has(anchor)) broken.push(`${page}: ${target} (no heading #${anchor} in ${path})`)
      }
    }
    assert.deepEqual(broken, [])
  })

  it('every fenced block says its language, so no shell example escapes the check', () => {
    const bare = PAGES.flatMap((page) => fencesOf(read(page)).filter((f) => !['sh', 'text', 'json', 'js', 'ts'].includes(f.lang)).map((f) => `${page}:${f.line} \`\`\`${f.lang}`))
    assert.deepEqual(bare, [])
  })

  it('the README\'s tour runs, command by command, in a new app', (t) => {
    const work = tempDir(t)
    const tour = commandLines(read('README.md').split('## A five-command tour')[1]!.split('\n## ')[0]!)
    assert.ok(tour.length >= 5, tour.join('\n'))
    let cwd = work
    const created = spawnSync(process.execPath, [BIN, 'new-app', 'my-shop', '--no-install', '--quiet'], { cwd, encoding: 'utf8' })
    assert.equal(created.status, 0, created.stderr)
    // the starter's MikroORM from this checkout, as the demo does, so db commands run without an install
    symlinkSync(join(ROOT, 'node_modules'), join(work, 'my-shop', 'node_modules'), 'dir')
    for (const line of tour) {
      for (const { words } of parseShell(line).commands) {
        if (words[0] === 'cd') {
          cwd = join(cwd, words[1]!)
          continue
        }
        assert.deepEqual(words.slice(0, 2), ['npx', 'create-mercato-module'], line)
        const r = spawnSync(process.execPath, [BIN, ...words.slice(2)], { cwd, encoding: 'utf8' })
        assert.equal(r.status, 0, `${words.slice(2).join(' ')}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`)
      }
    }
  })
})
