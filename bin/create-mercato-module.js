#!/usr/bin/env node
import module from 'node:module'

const [major, minor] = process.versions.node.split('.').map(Number)
if (major < 22 || (major === 22 && minor < 17)) {
  console.error(`create-mercato-module needs Node.js 22.17 or newer (24 recommended); this is ${process.version}`)
  process.exit(1)
}
// V8 bytecode of the bundle is cached on disk, so every run after the first skips compiling it.
module.enableCompileCache?.()
await import('../dist/cli.js')
