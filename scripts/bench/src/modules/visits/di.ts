import type { AppContainer } from '@open-mercato/shared/lib/di/container'

/**
 * Registers this module's services. Registrars run in src/modules.ts order, so a later
 * module can replace a service registered by an earlier one.
 * Example: container.register({ visitsService: asClass(VisitsService).scoped() })
 */
export function register(container: AppContainer): void {
  void container
}
