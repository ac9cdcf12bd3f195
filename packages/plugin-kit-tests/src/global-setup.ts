import { linkExamples } from './paths'

export default function setup(): void {
  linkExamples()
}
