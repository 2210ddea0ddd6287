/**
 * awilix imports fast-glob for its loadModules (registering every file a glob matches), which this
 * tool never calls: services are registered by name in ./container.ts. The bundle maps `fast-glob`
 * here, which keeps some 200 KB of globbing out of every command that builds the container.
 */
const notUsed = () => {
  throw new Error('awilix loadModules is not used by create-mercato-module')
}

export default { sync: notUsed, glob: notUsed, async: notUsed, stream: notUsed }
