import type { ModuleInfo } from '@open-mercato/shared/modules/registry'

export const metadata: ModuleInfo = {
  name: 'visits',
  title: 'Visits',
  version: '0.1.0',
  description: '',
  author: '',
  license: 'MIT',
}

export default metadata
