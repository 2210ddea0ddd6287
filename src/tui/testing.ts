/** For the tests: render the bundled TUI with ink-testing-library over the same ink and React. */
export { render } from 'ink-testing-library'
export { createElement } from 'react'
export { wrapLine } from './wrap'
