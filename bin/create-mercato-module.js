#!/usr/bin/env node
const [major, minor] = process.versions.node.split('.').map(Number)
if (major < 22 || (major === 22 && minor < 17)) {
  console.error(`create-mercato-module needs Node.js 22.17 or newer (24 recommended); this is ${process.version}`)
  process.exit(1)
}
await import('../dist/cli.js')
