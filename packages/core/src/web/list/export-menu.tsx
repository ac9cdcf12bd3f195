/**
 * The list's export button: the records the list shows (search, filters, sort and chosen columns) as a
 * CSV download, for Excel in France (semicolons, comma decimals) or as standard CSV (RFC 4180).
 * @module
 */
import { DropdownMenu } from '@kobalte/core/dropdown-menu'
import { type ExportFormat, records } from '../api/records-api'
import type { ListCriteria } from '../api/list-params'
import { useI18n } from '../app/i18n-context'
import { IconChevronDown, IconDownload } from '../ui/icons'

export function ExportMenu(props: { entity: string; criteria: ListCriteria; fields: string[] }) {
  const { t } = useI18n()
  const download = (format: ExportFormat) => {
    // The answer is an attachment: the browser downloads it and stays on the page.
    globalThis.location.assign(
      records.exportUrl(props.entity, props.criteria, { format, fields: props.fields }),
    )
  }
  return (
    <DropdownMenu>
      <DropdownMenu.Trigger class="button">
        <IconDownload size={16} aria-hidden="true" />
        {t('list.export')}
        <IconChevronDown size={14} aria-hidden="true" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content class="menu">
          <DropdownMenu.Item class="menu-item" onSelect={() => download('excel')}>
            {t('list.exportExcel')}
          </DropdownMenu.Item>
          <DropdownMenu.Item class="menu-item" onSelect={() => download('csv')}>
            {t('list.exportCsv')}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu>
  )
}
