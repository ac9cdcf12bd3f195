/**
 * The web app's entry: the core shell with the installed plugins' web parts.
 * @module
 */
import { mountApp } from '@comptoir/core/web'
import plugins from 'virtual:comptoir/plugins'

mountApp(document.getElementById('app')!, { plugins })
