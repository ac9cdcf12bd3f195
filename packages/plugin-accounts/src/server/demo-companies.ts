/**
 * The companies of the demo data set: invented names in the style of French small businesses, each with
 * a matching NAF code, industry, legal form, city and size.
 * @module
 */
import type { ACCOUNT_TYPES, INDUSTRIES, LEGAL_FORMS } from '../entities/options'

export interface DemoCompany {
  name: string
  form: (typeof LEGAL_FORMS)[number]
  naf: string
  industry: (typeof INDUSTRIES)[number]
  type: (typeof ACCOUNT_TYPES)[number]
  /** Key in `CITIES`. */
  city: string
  employees: number
  /** Name of the parent company, declared earlier in the list. */
  parent?: string
}

type Row = [
  name: string,
  form: DemoCompany['form'],
  naf: string,
  industry: DemoCompany['industry'],
  type: DemoCompany['type'],
  city: string,
  employees: number,
  parent?: string,
]

const ROWS: Row[] = [
  ['Boulangerie Pâtisserie Lemoine', 'sarl', '10.71C', 'food_beverage', 'customer', 'tours', 8],
  ['Menuiserie Girard & Fils', 'sarl', '16.23Z', 'construction', 'customer', 'angers', 14],
  ['Transports Rouxel', 'sas', '49.41A', 'transportation', 'customer', 'rennes', 65],
  ['Logistique Express Nord', 'sas', '52.29A', 'shipping', 'customer', 'lille', 32, 'Transports Rouxel'],
  ['Atelier Numérique Lyonnais', 'sas', '62.01Z', 'technology', 'partner', 'lyon', 22],
  ['Cabinet Moreau Expertise Comptable', 'sarl', '69.20Z', 'finance', 'partner', 'paris', 12],
  ['Garage des Alpes', 'eurl', '45.20A', 'other', 'customer', 'annecy', 6],
  ['Brasserie du Vieux-Port', 'sarl', '56.30Z', 'hospitality', 'customer', 'marseille', 11],
  ['Domaine Chevalier', 'sas', '11.02A', 'food_beverage', 'prospect', 'bordeaux', 18],
  ['Imprimerie Fontaine', 'sarl', '18.12Z', 'media', 'supplier', 'orleans', 24],
  ['Électricité Bonnet Services', 'eurl', '43.21A', 'construction', 'customer', 'dijon', 7],
  ['Hôtel Les Tilleuls', 'sas', '55.10Z', 'hospitality', 'prospect', 'colmar', 16],
  ['Pharmacie Centrale de Rennes', 'other', '47.73Z', 'healthcare', 'customer', 'rennes', 9],
  ['Agence Océane Communication', 'sasu', '73.11Z', 'communications', 'reseller', 'nantes', 5],
  ['Laboratoire Bio-Armor', 'sas', '72.11Z', 'biotechnology', 'prospect', 'brest', 41],
  ['Clinique vétérinaire des Sources', 'other', '75.00Z', 'healthcare', 'customer', 'vannes', 10],
  ['Fromagerie Perrin', 'sarl', '10.51C', 'food_beverage', 'customer', 'besancon', 13],
  ['Maçonnerie Dumont Frères', 'sarl', '43.99C', 'construction', 'prospect', 'reims', 19],
  ['Legrand Conseil & Stratégie', 'sasu', '70.22Z', 'consulting', 'partner', 'boulogne', 3],
  ['Plasturgie de l’Ain', 'sa', '22.29A', 'manufacturing', 'customer', 'bourg', 120],
  ['Librairie La Plume d’Or', 'sarl', '47.61Z', 'retail', 'customer', 'poitiers', 4],
  ['Mécanique de Précision Lambert', 'sas', '25.62B', 'machinery', 'customer', 'nancy', 48],
  [
    'Usinage Lorrain',
    'sas',
    '25.62A',
    'manufacturing',
    'customer',
    'metz',
    27,
    'Mécanique de Précision Lambert',
  ],
  ['Auto-école Pasteur', 'eurl', '85.53Z', 'education', 'prospect', 'limoges', 6],
  ['Énergies Solaires du Midi', 'sas', '35.11Z', 'energy', 'prospect', 'montpellier', 35],
  ['Formation Pro Atlantique', 'sas', '85.59A', 'education', 'customer', 'laRochelle', 15],
  ['Mercier Courtage Assurances', 'sarl', '66.22Z', 'insurance', 'prospect', 'toulouse', 8],
  ['Chocolaterie Roussel', 'sas', '10.82Z', 'food_beverage', 'customer', 'saintEtienne', 29],
  ['Studio graphique Hébert', 'ei', '74.10Z', 'media', 'supplier', 'caen', 1],
  ['Cave coopérative de Tain', 'other', '11.02B', 'food_beverage', 'prospect', 'tain', 38],
  ['Pépinières Robin', 'sarl', '01.30Z', 'other', 'customer', 'avignon', 12],
  ['Faure Optique', 'sarl', '47.78A', 'retail', 'customer', 'clermont', 5],
  ['Gauthier & Associés Architectes', 'sarl', '71.11Z', 'engineering', 'prospect', 'strasbourg', 9],
  ['Nettoyage Pro Azur', 'sas', '81.21Z', 'other', 'customer', 'nice', 54],
  ['Textiles Caron', 'sa', '13.20Z', 'apparel', 'competitor', 'amiens', 86],
  ['Brunet Informatique Services', 'eurl', '62.02A', 'technology', 'reseller', 'grenoble', 4],
  ['Association sportive Les Dauphins', 'association', '93.12Z', 'recreation', 'customer', 'perpignan', 2],
  ['Restaurant Le Petit Marché', 'sarl', '56.10A', 'hospitality', 'customer', 'aix', 12],
  ['Société chimique du Rhône', 'sa', '20.59Z', 'chemicals', 'prospect', 'lyon', 210],
  ['Ambulances Giraud', 'sarl', '86.90A', 'healthcare', 'prospect', 'pau', 17],
  ['Camping Les Pins maritimes', 'sarl', '55.30Z', 'hospitality', 'prospect', 'laRochelle', 7],
  ['Morin Distribution Électronique', 'sas', '46.52Z', 'electronics', 'supplier', 'montreuil', 44],
  ['Télécom Réseaux Ouest', 'sas', '61.10Z', 'telecommunications', 'partner', 'nantes', 58],
  ['Aubert Paysages & Jardins', 'micro_entreprise', '81.30Z', 'environmental', 'customer', 'versailles', 1],
  ['Barbier Finances Conseil', 'sas', '66.19B', 'finance', 'investor', 'paris', 6],
  ['Boucherie Masson', 'ei', '47.22Z', 'retail', 'customer', 'chambery', 3],
  ['Cabinet Renaud Avocats', 'other', '69.10Z', 'consulting', 'prospect', 'rouen', 7],
  ['Colin Réceptions Traiteur', 'sarl', '56.21Z', 'hospitality', 'customer', 'aix', 9],
  ['Syndicat des eaux du Val de Loire', 'other', '36.00Z', 'utilities', 'prospect', 'orleans', 30],
  ['Ébénisterie Lefèvre', 'sarl', '31.09B', 'manufacturing', 'customer', 'leHavre', 6],
  ['L’Écho du Berry', 'sa', '58.13Z', 'media', 'press', 'bourges', 25],
  ['Éditions Le Goff', 'sarl', '58.11Z', 'media', 'prospect', 'brest', 8],
]

export const DEMO_COMPANIES: readonly DemoCompany[] = ROWS.map(
  ([name, form, naf, industry, type, city, employees, parent]) => ({
    name,
    form,
    naf,
    industry,
    type,
    city,
    employees,
    ...(parent ? { parent } : {}),
  }),
)
