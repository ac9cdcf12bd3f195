/**
 * Entry of the floor server process: reads its spec (a JSON file named on the command line), serves the
 * floor app on a loopback port and prints the port.
 * @module
 */
import { readFileSync } from 'node:fs'
import { serve } from '@hono/node-server'
import { createFloorApp } from './floor-app'
import type { FloorSpec } from './floor-spec'

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8')) as FloorSpec
const floor = createFloorApp(spec)
const server = serve({ fetch: floor.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  console.log(`floor listening on ${info.port}`)
})
const stop = async () => {
  server.close()
  await floor.close()
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
process.on('disconnect', () => void stop())
