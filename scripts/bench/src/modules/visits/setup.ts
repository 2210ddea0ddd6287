import type { ModuleSetupConfig } from '@open-mercato/shared/modules/setup'

export const setup: ModuleSetupConfig = {
  defaultRoleFeatures: {
    superadmin: ['visits.*'],
    admin: ['visits.view', 'visits.manage'],
    employee: ['visits.view'],
  },
}

export default setup
