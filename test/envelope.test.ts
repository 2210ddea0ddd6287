import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { z } from 'zod'
import { BIN, cli, hashTree, starterApp } from './helpers.ts'
import { terminal } from './tmux.ts'

const parse = (stdout: string) => JSON.parse(stdout) as Record<string, unknown>

describe('one JSON envelope for every command', () => {
  it('scaffolds, reports, tasks and errors all print { ok, command, exitCode, ... }, valid against `schema`', async (t) => {
    const app = await starterApp(t)
    const schema = JSON.parse((await cli(['schema', 'module'])).stdout).output
    const validate = z.fromJSONSchema(schema)
    const runs = [
      ['module', 'visits', '--json', '--cwd', app],
      ['page', 'visits', 'reports', '--dry-run', '--json', '--cwd', app],
      ['list', '--json', '--cwd', app],
      ['doctor', '--json', '--cwd', app],
      ['undo', '--dry-run', '--json', '--cwd', app],
      ['module', 'Bad', '--json', '--cwd', app],
      ['modul', '--json', '--cwd', app],
      ['generate', '--engine', 'mercato', '--json', '--cwd', app],
    ]
    const seen = []
    for (const args of runs) {
      const r = await cli(args)
      const doc = parse(r.stdout)
      assert.ok(validate.safeParse(doc).success, `${args.join(' ')}: ${r.stdout}`)
      assert.equal(doc.exitCode, r.code)
      assert.equal(doc.ok, r.code === 0)
      seen.push(doc)
    }
    const [module, page, list, doctor, , bad, unknown, engine] = seen as Array<Record<string, any>>
    assert.equal(module.command, 'module')
    assert.equal(module.dryRun, false)
    assert.ok(module.plan.changes.some((c: { path: string }) => c.path === 'src/modules/visits/acl.ts'))
    assert.ok(module.plan.changes.some((c: { path: string; generated?: boolean }) => c.generated && c.path === '.mercato/generated/modules.generated.ts'))
    assert.equal(page.dryRun, true)
    assert.equal(page.result, null)
    assert.equal(list.command, 'list')
    assert.deepEqual(list.data.modules.map((m: { id: string }) => m.id), ['visits'])
    assert.deepEqual(doctor.data.findings, [])
    assert.deepEqual([bad.command, bad.exitCode, bad.ok], ['module', 2, false])
    assert.match(bad.error, /^invalid <id>: "Bad" is not a module id/)
    assert.deepEqual([unknown.command, unknown.exitCode], ['modul', 2])
    // what to do about an error is its own field, in the flags that do it
    assert.match(engine.error, /needs Open Mercato's CLI .*; install @open-mercato\/cli$/)
    assert.equal(engine.try, '--engine bundled to use the bundled generator')
  })

  it('`schema` gives every command its input schema from the zod spec, and `schema <command>` one', async () => {
    const all = JSON.parse((await cli(['schema'])).stdout)
    const names = all.commands.map((c: { command: string }) => c.command)
    for (const name of ['new-app', 'module', 'page', 'api', 'list', 'doctor', 'db status', 'db migrate']) assert.ok(names.includes(name), name)
    const api = JSON.parse((await cli(['schema', 'api'])).stdout)
    assert.deepEqual(api.input.properties.methods.items.enum, ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])
    assert.deepEqual(api.input.required, ['module'])
    const migrate = JSON.parse((await cli(['schema', 'db', 'migrate'])).stdout)
    assert.equal(migrate.command, 'db migrate')
    assert.equal(migrate.kind, 'task')
    const wrong = await cli(['schema', 'modul'])
    assert.equal(wrong.code, 2)
    assert.match(wrong.stderr, /unknown command "modul"; did you mean module\?/)
  })
})

describe('prompts and Ctrl+C on a real terminal', () => {
  let sessions = 0
  const prompt = (t: import('node:test').TestContext, command: string) => terminal(t, `cmm-prompt${sessions++}`, { columns: 120, rows: 40 }, command)

  it('an unclear answer is asked again; "n" writes nothing', async (t) => {
    const app = await starterApp(t)
    const before = hashTree(app)
    const term = prompt(t, `${process.execPath} ${BIN} module visits --cwd ${app}; echo EXIT-$?; sleep 30`)
    await term.waitFor(/Apply these changes\? \(Y\/n\)/)
    term.keys('-l', 'maybe')
    term.keys('Enter')
    await term.waitFor(/Please answer y or n/)
    term.keys('n', 'Enter')
    await term.waitFor(/EXIT-0/)
    assert.match(term.screen(), /cancelled: nothing was written/)
    assert.equal(hashTree(app), before)
  })

  it('Ctrl+C at the prompt exits 130 and writes nothing', async (t) => {
    const app = await starterApp(t)
    const before = hashTree(app)
    const term = prompt(t, `${process.execPath} ${BIN} module visits --cwd ${app}; echo EXIT-$?; sleep 30`)
    await term.waitFor(/Apply these changes\? \(Y\/n\)/)
    term.keys('C-c')
    await term.waitFor(/EXIT-130/)
    assert.match(term.screen(), /interrupted at the prompt: nothing was changed/)
    assert.equal(hashTree(app), before)
  })

  it('db greenfield on a terminal asks for the word typed, and anything else cancels', async (t) => {
    const app = await starterApp(t)
    const before = hashTree(app)
    const term = prompt(t, `${process.execPath} ${BIN} db greenfield --cwd ${app}; echo EXIT-$?; sleep 30`)
    await term.waitFor(/Type "greenfield" to go ahead/)
    term.keys('-l', 'green')
    term.keys('Enter')
    await term.waitFor(/EXIT-0/)
    assert.match(term.screen(), /cancelled: nothing was run/)
    assert.equal(hashTree(app), before)
  })
})
