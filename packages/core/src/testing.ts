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
