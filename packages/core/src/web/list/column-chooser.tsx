/**
 * Chooses and orders a list's columns: tick to show, arrows to move.
 * @module
 */
import { Popover } from '@kobalte/core/popover'
import { For } from 'solid-js'
import type { FieldMeta } from '../../records/metadata-types'
import { useI18n } from '../app/i18n-context'
import { useSession } from '../app/session-context'
import { IconArrowDown, IconArrowUp, IconColumns } from '../ui/icons'

export interface ColumnChooserProps {
  available: FieldMeta[]
  value: string[]
  onChange: (columns: string[]) => void
}

export function ColumnChooser(props: ColumnChooserProps) {
  const { t } = useI18n()
  const session = useSession()
  const label = (f: FieldMeta) => session.labels().field(f)
  const ordered = () => {
    const shown = props.value.flatMap((n) => props.available.filter((f) => f.name === n))
    return [...shown, ...props.available.filter((f) => !props.value.includes(f.name))]
  }
  const toggle = (name: string, on: boolean) =>
    props.onChange(on ? [...props.value, name] : props.value.filter((n) => n !== name))
  const move = (name: string, by: number) => {
    const cols = [...props.value]
    const i = cols.indexOf(name)
    const j = i + by
    if (i < 0 || j < 0 || j >= cols.length) return
    ;[cols[i], cols[j]] = [cols[j], cols[i]]
    props.onChange(cols)
  }
  return (
    <Popover placement="bottom-end">
      <Popover.Trigger class="button">
        <IconColumns size={16} aria-hidden="true" />
        {t('list.columns')}
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content class="popover column-chooser">
          <Popover.Title class="popover-title">{t('list.columnsTitle')}</Popover.Title>
          <ul>
            <For each={ordered()}>
              {(f) => {
                const shown = () => props.value.includes(f.name)
                const index = () => props.value.indexOf(f.name)
                return (
                  <li class="column-option">
                    <label class="checkbox">
                      <input
                        type="checkbox"
                        checked={shown()}
                        disabled={shown() && props.value.length === 1}
                        onChange={(e) => toggle(f.name, e.currentTarget.checked)}
                      />
                      <span>{label(f)}</span>
                    </label>
                    <span class="column-move">
                      <button
                        type="button"
                        class="icon-button"
                        disabled={!shown() || index() === 0}
                        aria-label={t('list.moveUp', { label: label(f) })}
                        onClick={() => move(f.name, -1)}
                      >
                        <IconArrowUp size={14} aria-hidden="true" />
                      </button>
                      <button
                        type="button"
                        class="icon-button"
                        disabled={!shown() || index() === props.value.length - 1}
                        aria-label={t('list.moveDown', { label: label(f) })}
                        onClick={() => move(f.name, 1)}
                      >
                        <IconArrowDown size={14} aria-hidden="true" />
                      </button>
                    </span>
                  </li>
                )
              }}
            </For>
          </ul>
        </Popover.Content>
      </Popover.Portal>
    </Popover>
  )
}
