/**
 * ink connects to React DevTools only when DEV=true and `react-devtools-core` resolves from the
 * bundle, which it never does; the bundle still needs something at that import.
 */
export default { initialize() {}, connectToDevTools() {} }
