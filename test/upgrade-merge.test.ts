import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { upgradeFile } from '../dist/testing.js'

const base = 'a\nb\nc\nd\ne\n'

describe('upgrade: one file, three ways', () => {
  it('changes on lines apart from each other both land; the same change on both sides lands once', () => {
    assert.deepEqual(upgradeFile(base, 'a\nB\nc\nd\ne\n', 'a\nb\nc\nD\ne\n'), { status: 'merged', text: 'a\nB\nc\nD\ne\n', conflicts: 0 })
    assert.deepEqual(upgradeFile(base, 'a\nB\nc\nd\ne\n', 'a\nB\nc\nd\ne\nf\n'), { status: 'merged', text: 'a\nB\nc\nd\ne\nf\n', conflicts: 0 })
  })

  it('one line changed on both sides in different words merges word by word; in the same word it is a conflict with git diff3 markers', () => {
    assert.deepEqual(upgradeFile('const foo = bar(1)\n', 'const baz = bar(1)\n', 'const foo = bar(1, 2)\n'), { status: 'merged', text: 'const baz = bar(1, 2)\n', conflicts: 0 })
    assert.deepEqual(upgradeFile(base, 'a\nX\nc\nd\ne\n', 'a\nY\nc\nd\ne\n', { ours: 'yours', base: 'scaffold', theirs: 'templates' }), {
      status: 'merged',
      text: 'a\n<<<<<<< yours\nX\n||||||| scaffold\nb\n=======\nY\n>>>>>>> templates\nc\nd\ne\n',
      conflicts: 1,
    })
  })

  it('both inserting different lines at one place is a conflict; a last line without a newline stays so', () => {
    assert.equal((upgradeFile(base, 'a\nb\nmine\nc\nd\ne\n', 'a\nb\ntheirs\nc\nd\ne\n') as { conflicts: number }).conflicts, 1)
    assert.deepEqual(upgradeFile('a\nb\nc', 'A\nb\nc', 'a\nb\nC'), { status: 'merged', text: 'A\nb\nC', conflicts: 0 })
  })

  it('an unedited file takes the new text (in its own line endings); an edited CRLF file merges without turning into one change', () => {
    assert.deepEqual(upgradeFile(base, base, 'a\nb\nC\nd\ne\n'), { status: 'replaced', text: 'a\nb\nC\nd\ne\n' })
    const crlf = (s: string) => s.replace(/\n/g, '\r\n')
    assert.deepEqual(upgradeFile(base, crlf('A\nb\nc\nd\ne\n'), 'a\nb\nc\nd\nE\n'), { status: 'merged', text: crlf('A\nb\nc\nd\nE\n'), conflicts: 0 })
  })

  it('a file the templates drop goes when unedited and stays when edited; a deleted file stays deleted; an unchanged template changes nothing', () => {
    assert.deepEqual(upgradeFile(base, base, null), { status: 'removed' })
    assert.equal(upgradeFile(base, `${base}f\n`, null).status, 'kept')
    assert.equal(upgradeFile(base, null, 'x\n').status, 'kept')
    assert.deepEqual(upgradeFile(base, `${base}f\n`, base), { status: 'same' })
  })
})
