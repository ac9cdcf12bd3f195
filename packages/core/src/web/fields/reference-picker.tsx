/**
 * Picks a record of another entity by typing part of its name: an ARIA combobox whose options come from
 * `GET /api/v1/records/<target>?q=&limit=10` as the user types.
 * @module
 */
import { createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js'
import { request } from '../api/request'
import { useI18n } from '../app/i18n-context'
import type { FieldWidgetProps } from '../plugins/define-web-plugin'
import { IconX } from '../ui/icons'

export interface RefOption {
  id: string
  title: string
}

export type RefSearch = (q: string) => Promise<RefOption[]>

/** Searches an entity's records, or the tenant's users for `core.user`. */
export function searchRecords(target: string): RefSearch {
  return async (q) => {
    const path = target === 'core.user' ? '/users' : `/records/${encodeURIComponent(target)}`
    const res = await request<{ data: Record<string, any>[] } | Record<string, any>[]>(path, {
      query: { q, limit: 10 },
    })
    const list = Array.isArray(res) ? res : res.data
    return list.map((r) => ({ id: r.id, title: r._title ?? r.title ?? r.name ?? r.email ?? r.id }))
  }
}

export interface ReferencePickerProps extends FieldWidgetProps {
  search?: RefSearch
  placeholder?: string
}

export function ReferencePicker(props: ReferencePickerProps) {
  const { t } = useI18n()
  const listId = `${props.id}-listbox`
  const selected = () => props.value as RefOption | string | null | undefined
  const selectedTitle = () => {
    const v = selected()
    return v && typeof v === 'object' ? (v.title ?? v.id) : (v ?? '')
  }
  const [text, setText] = createSignal(selectedTitle())
  const [open, setOpen] = createSignal(false)
  const [options, setOptions] = createSignal<RefOption[]>([])
  const [active, setActive] = createSignal(-1)
  const [loading, setLoading] = createSignal(false)
  let timer: ReturnType<typeof setTimeout> | undefined
  let seq = 0
  onCleanup(() => clearTimeout(timer))
  createEffect(on(selectedTitle, (title) => setText(title), { defer: true }))

  const search =
    props.search ?? searchRecords(props.field.type === 'user' ? 'core.user' : (props.field.target ?? ''))
  const run = (q: string) => {
    clearTimeout(timer)
    setLoading(true)
    const mine = ++seq
    timer = setTimeout(async () => {
      try {
        const found = await search(q)
        if (mine !== seq) return
        setOptions(found)
        setActive(found.length ? 0 : -1)
      } catch {
        if (mine === seq) setOptions([])
      } finally {
        if (mine === seq) setLoading(false)
      }
    }, 200)
  }
  const openList = () => {
    setOpen(true)
    run(text() === selectedTitle() ? '' : text())
  }
  const choose = (o: RefOption) => {
    props.onChange({ id: o.id, title: o.title })
    setText(o.title)
    setOpen(false)
  }
  const close = () => {
    setOpen(false)
    setText(selectedTitle())
  }
  const onKeyDown = (e: KeyboardEvent) => {
    const n = options().length
    if (e.key === 'ArrowDown') {
      e.preventDefault()
      if (!open()) openList()
      else if (n) setActive((i) => (i + 1) % n)
    } else if (e.key === 'ArrowUp') {
      e.preventDefault()
      if (n) setActive((i) => (i <= 0 ? n - 1 : i - 1))
    } else if (e.key === 'Enter' && open()) {
      e.preventDefault()
      const o = options()[active()]
      if (o) choose(o)
    } else if (e.key === 'Escape' && open()) {
      e.preventDefault()
      e.stopPropagation()
      close()
    }
  }
  return (
    <div class="combobox">
      <div class="input-group">
        <input
          id={props.id}
          class="input"
          type="text"
          role="combobox"
          autocomplete="off"
          aria-autocomplete="list"
          aria-expanded={open()}
          aria-controls={listId}
          aria-activedescendant={open() && active() >= 0 ? `${listId}-${active()}` : undefined}
          aria-invalid={props.invalid || undefined}
          aria-describedby={props.describedBy}
          placeholder={props.placeholder ?? t('field.searchPlaceholder')}
          disabled={props.disabled}
          value={text()}
          onInput={(e) => {
            setText(e.currentTarget.value)
            setOpen(true)
            run(e.currentTarget.value)
          }}
          onFocus={() => !open() && openList()}
          onBlur={() => setTimeout(close, 150)}
          onKeyDown={onKeyDown}
        />
        <Show when={selected() && !props.disabled}>
          <button
            type="button"
            class="icon-button input-clear"
            aria-label={t('field.clear', { label: props.label })}
            onClick={() => {
              props.onChange(null)
              setText('')
            }}
          >
            <IconX size={14} aria-hidden="true" />
          </button>
        </Show>
      </div>
      <div class="combobox-popup" hidden={!open()}>
        <div id={listId} role="listbox" class="combobox-list" aria-label={props.label}>
          <For each={options()}>
            {(o, i) => (
              // biome-ignore lint/a11y/useKeyWithClickEvents: the input drives the options (aria-activedescendant)
              // biome-ignore lint/a11y/useFocusableInteractive: focus stays in the input, as ARIA comboboxes require
              <div
                id={`${listId}-${i()}`}
                role="option"
                class="combobox-option"
                aria-selected={i() === active()}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(o)}
              >
                {o.title}
              </div>
            )}
          </For>
        </div>
        <Show when={options().length === 0}>
          <p class="combobox-empty">{loading() ? t('common.loading') : t('field.noMatch')}</p>
        </Show>
      </div>
    </div>
  )
}
