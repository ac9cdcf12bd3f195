/**
 * `@comptoir/core/testing`: boot core and plugins in-process for tests.
 * @module
 */
export { createTestCore } from './testing/test-core'
export type { TestCore, TestCoreOptions, TestClient } from './testing/test-core'
export { runPluginConformance } from './testing/conformance'
export type { ConformanceOptions } from './testing/conformance'
export { createSample } from './testing/sample-data'
export type { SampleFactory } from './testing/sample-data'
export { conformanceI18nKeys } from './testing/conformance-i18n'
export { TEST_ORIGIN, TEST_PASSWORD } from './testing/test-core'
export type { TestTenant, TestUserOptions, TestResponse } from './testing/test-core'
export { createTestClock } from './testing/test-clock'
export type { TestClock } from './testing/test-clock'
export type { CapturedEvent, OutboxFilter, TestOutbox } from './testing/test-outbox'
export { createSmtpSink } from './testing/smtp-sink'
export type { ReceivedMail, SmtpSink, SmtpSinkOptions } from './testing/smtp-sink'
export { migrationProblems } from './testing/conformance'
export {
  foreignObjects,
  i18nProblems,
  manifestProblems,
  metadataProblems,
  migrationSqlProblems,
  rlsProblems,
} from './testing/conformance-checks'
export {
  disabledProblems,
  isolationProblems,
  noGrantProblems,
  pluginRoutes,
  routeLeakProblems,
} from './testing/conformance-http'
