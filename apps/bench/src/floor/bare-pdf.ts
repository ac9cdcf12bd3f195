/**
 * The PDF floor: one A4 page drawn with pdf-lib alone, embedding subsets of the same DejaVu Sans fonts as
 * Comptoir's documents (read once per process), with about as much text as a record sheet.
 * @module
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import fontkit from '@pdf-lib/fontkit'
import { PDFDocument, rgb } from 'pdf-lib'

let fonts: { regular: Uint8Array; bold: Uint8Array } | undefined

function fontBytes() {
  if (!fonts) {
    const require = createRequire(import.meta.url)
    const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf')
    fonts = {
      regular: readFileSync(join(dir, 'DejaVuSans.ttf')),
      bold: readFileSync(join(dir, 'DejaVuSans-Bold.ttf')),
    }
  }
  return fonts
}

const LINES: [string, string][] = [
  ['Civilité', 'Mme'],
  ['Prénom', 'Élodie'],
  ['Nom', 'Lefèvre'],
  ['Numéro', 'CON-00042'],
  ['Compte', 'Boulangerie Lefèvre & Fils'],
  ['Fonction', 'Directrice administrative et financière'],
  ['Service', 'Comptabilité'],
  ['Origine', 'Salon professionnel'],
  ['Téléphone bureau', '+33 4 78 12 34 56'],
  ['Mobile', '+33 6 12 34 56 78'],
  ['E-mail', 'elodie.lefevre@boulangerie-lefevre.fr'],
  ['Adresse', '12 rue de la République\n69003 Lyon\nFrance'],
  ['Base légale', 'Intérêt légitime'],
  ['Modifié le', '27/11/2026 10:00'],
]

export async function barePdfPage(): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  doc.registerFontkit(fontkit)
  const bytes = fontBytes()
  const font = await doc.embedFont(bytes.regular, { subset: true })
  const bold = await doc.embedFont(bytes.bold, { subset: true })
  const page = doc.addPage([595.28, 841.89])
  let y = 790
  page.drawText('CONTACT', { x: 48, y, size: 9, font, color: rgb(0.4, 0.4, 0.5) })
  y -= 24
  page.drawText('Élodie Lefèvre', { x: 48, y, size: 18, font: bold })
  y -= 30
  for (const [label, value] of LINES) {
    page.drawText(label, { x: 48, y, size: 10, font: bold })
    for (const line of value.split('\n')) {
      page.drawText(line, { x: 200, y, size: 10, font })
      y -= 14
    }
    y -= 4
  }
  page.drawText('Grand Compte', { x: 48, y: 30, size: 8, font, color: rgb(0.45, 0.45, 0.45) })
  return doc.save()
}
