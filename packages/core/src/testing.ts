/**
 * `@comptoir/core/testing`: boot core and plugins in-process for tests.
 * @module
 */
export { createTestCore } from './testing/test-core'
export type { TestCore, TestCoreOptions, TestClient } from './testing/test-core'
