/** Collects query parameters and hands out their placeholders (`$1`, `$2`, …). */
export class Params {
  readonly values: unknown[] = []
  add(value: unknown): string {
    this.values.push(value)
    return `$${this.values.length}`
  }
}
