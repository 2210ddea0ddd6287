/**
 * The repo's own entry, never published: the tests render the bundled TUI with ink-testing-library
 * over the same ink and React (two copies would break hooks), and `npm run docs` writes the commands page.
 */
export { render } from 'ink-testing-library'
export { createElement } from 'react'
export { wrapLine } from './tui/wrap'
export { checkCommandLine, commandsPage, moreLinks } from './cli/docs'
export { literalMetadata, StaticResolver } from './static'
export { metadataByAlias, metadataFromCall } from './generator/discover'
export { createMemoryFileSystem } from './services/memory-fs'
export { moduleSource } from './generator/source'
export { lockFile } from './db/lock'
export { answerFromIndex, readCommandIndex } from './cli/start'
export { loadAction, loadableNames } from './actions/load'
export { upgradeFile } from './upgrade/file'
