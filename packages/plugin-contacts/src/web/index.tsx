/**
 * `@comptoir/plugin-contacts/web`: the contacts plugin's web part. Its pages are the generic list, detail and
 * form pages driven by the metadata, so it contributes no component of its own.
 * @module
 */
import { defineWebPlugin } from '@comptoir/core/web'

export default defineWebPlugin({ id: 'contacts' })
