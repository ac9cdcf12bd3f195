/**
 * Demo leads: pure and deterministic (a seeded generator). Eighty small French businesses at every
 * status, from every source, some with a valid SIREN and SIRET.
 * @module
 */
import { luhnValid, type RecordData } from '@comptoir/core'
import { createRandom, type Random } from '@comptoir/core/server'

const ACTIVITIES = [
  { name: 'Plomberie', industry: 'construction' },
  { name: 'Boulangerie', industry: 'food_beverage' },
  { name: 'Garage', industry: 'other' },
  { name: 'Architecture', industry: 'engineering' },
  { name: 'Menuiserie', industry: 'construction' },
  { name: 'Pharmacie', industry: 'healthcare' },
  { name: 'Restaurant', industry: 'hospitality' },
  { name: 'Transports', industry: 'transportation' },
  { name: 'Imprimerie', industry: 'media' },
  { name: 'Cabinet comptable', industry: 'finance' },
  { name: 'Fleurs', industry: 'retail' },
  { name: 'Électricité', industry: 'construction' },
  { name: 'Hôtel', industry: 'hospitality' },
  { name: 'Informatique', industry: 'technology' },
  { name: 'Paysages', industry: 'environmental' },
  { name: 'Auto-école', industry: 'education' },
  { name: 'Cave', industry: 'retail' },
  { name: 'Couture', industry: 'apparel' },
] as const

const PLACES = [
  'du Centre',
  'du Port',
  'du Marché',
  'du Lac',
  'du Parc',
  'de la Gare',
  'des Halles',
  'du Vieux Bourg',
]

const CITIES = [
  { city: 'Lyon', postalCode: '69007', region: 'Auvergne-Rhône-Alpes', zone: 4 },
  { city: 'Villeurbanne', postalCode: '69100', region: 'Auvergne-Rhône-Alpes', zone: 4 },
  { city: 'Nantes', postalCode: '44300', region: 'Pays de la Loire', zone: 2 },
  { city: 'Saint-Nazaire', postalCode: '44600', region: 'Pays de la Loire', zone: 2 },
  { city: 'Toulouse', postalCode: '31400', region: 'Occitanie', zone: 5 },
  { city: 'Albi', postalCode: '81000', region: 'Occitanie', zone: 5 },
  { city: 'Lille', postalCode: '59800', region: 'Hauts-de-France', zone: 3 },
  { city: 'Roubaix', postalCode: '59100', region: 'Hauts-de-France', zone: 3 },
  { city: 'Paris', postalCode: '75015', region: 'Île-de-France', zone: 1 },
  { city: 'Nanterre', postalCode: '92000', region: 'Île-de-France', zone: 1 },
  { city: 'Marseille', postalCode: '13005', region: 'Provence-Alpes-Côte d’Azur', zone: 4 },
  { city: 'Toulon', postalCode: '83000', region: 'Provence-Alpes-Côte d’Azur', zone: 4 },
  { city: 'Bordeaux', postalCode: '33800', region: 'Nouvelle-Aquitaine', zone: 5 },
  { city: 'Mérignac', postalCode: '33700', region: 'Nouvelle-Aquitaine', zone: 5 },
  { city: 'Rennes', postalCode: '35200', region: 'Bretagne', zone: 2 },
  { city: 'Lorient', postalCode: '56100', region: 'Bretagne', zone: 2 },
  { city: 'Strasbourg', postalCode: '67200', region: 'Grand Est', zone: 3 },
  { city: 'Mulhouse', postalCode: '68100', region: 'Grand Est', zone: 3 },
]

const STREETS = [
  'rue de la Paix',
  'avenue de la République',
  'rue Jules-Ferry',
  'place de l’Hôtel-de-Ville',
  'rue des Écoles',
  'boulevard Carnot',
  'rue Saint-Jacques',
  'chemin du Lavoir',
]

const FIRST_NAMES = [
  ['Adrien', 'mr'],
  ['Bérénice', 'mrs'],
  ['Cédric', 'mr'],
  ['Delphine', 'mrs'],
  ['Étienne', 'mr'],
  ['Fanny', 'mrs'],
  ['Gilles', 'mr'],
  ['Héloïse', 'mrs'],
  ['Ivan', 'mr'],
  ['Jeanne', 'mrs'],
  ['Kévin', 'mr'],
  ['Lucie', 'mrs'],
  ['Mathias', 'mr'],
  ['Nadège', 'mrs'],
  ['Octave', 'mr'],
  ['Pauline', 'mrs'],
  ['Quentin', 'mr'],
  ['Rose', 'mrs'],
  ['Sylvain', 'mr'],
  ['Tiphaine', 'mrs'],
  ['Ulysse', 'mr'],
  ['Victoire', 'mrs'],
  ['Yannick', 'mr'],
  ['Zélie', 'mrs'],
] as const

const LAST_NAMES = [
  'Arnaud',
  'Baudry',
  'Charpentier',
  'Delattre',
  'Évrard',
  'Ferrand',
  'Gosselin',
  'Hamon',
  'Jacquet',
  'Koenig',
  'Lacroix',
  'Marchand',
  'Noël',
  'Olivier',
  'Poirier',
  'Quéméner',
  'Rivière',
  'Sauvage',
  'Tessier',
  'Vasseur',
  'Weber',
  'Le Bihan',
  'Prévost',
  'Carré',
]

const TITLES = [
  'Gérant',
  'Gérante',
  'Directeur',
  'Directrice',
  'Responsable administratif',
  'Associée',
  'Fondateur',
]
const FREE_MAIL = ['orange.fr', 'free.fr', 'gmail.com', 'laposte.net', 'wanadoo.fr']
const TRADE_SHOWS = ['Batimat', 'SIRHA', 'VivaTech', 'Salon des entrepreneurs', 'Foire de Paris']

/** 80 statuses in vtiger's proportions: many new leads, fewer as they qualify. */
const STATUS_PLAN: [string, number][] = [
  ['not_contacted', 14],
  ['attempted_to_contact', 8],
  ['contacted', 10],
  ['contact_in_future', 6],
  ['cold', 8],
  ['warm', 8],
  ['hot', 6],
  ['pre_qualified', 6],
  ['qualified', 8],
  ['junk', 3],
  ['lost', 3],
]

const SOURCES = [
  'cold_call',
  'website',
  'website',
  'trade_show',
  'word_of_mouth',
  'partner',
  'existing_customer',
  'conference',
  'direct_mail',
  'public_relations',
  'self_generated',
  'employee',
  'other',
]

function plain(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

function withLuhnKey(digits: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(`${digits}${d}`)) return `${digits}${d}`
  throw new RangeError(digits)
}

function phone(zone: number | string, random: Random): string {
  return `+33 ${zone} ${random.int(10, 99)} ${random.digits(2)} ${random.digits(2)} ${random.digits(2)}`
}

function description(source: string, random: Random): string | null {
  if (source === 'trade_show') return `Rencontré sur le salon ${random.pick(TRADE_SHOWS)}.`
  if (source === 'website') return 'Demande de devis envoyée par le formulaire du site.'
  if (source === 'cold_call') return 'Appel de prospection\u00a0: intéressé, à rappeler.'
  if (source === 'word_of_mouth' || source === 'existing_customer') {
    return `Recommandé par ${random.pick(FIRST_NAMES)[0]} ${random.pick(LAST_NAMES)}.`
  }
  return null
}

function demoLead(status: string, random: Random): RecordData {
  const [firstName, salutation] = random.pick(FIRST_NAMES)
  const lastName = random.pick(LAST_NAMES)
  const activity = random.pick(ACTIVITIES)
  const company = random.chance(0.6)
    ? `${activity.name} ${random.pick(LAST_NAMES)}`
    : `${activity.name} ${random.pick(PLACES)}`
  const city = random.pick(CITIES)
  const domain = random.chance(0.7) ? `${plain(company)}.fr` : random.pick(FREE_MAIL)
  const source = random.pick(SOURCES)
  const employees = random.int(1, 40)
  const siren = random.chance(0.3) ? withLuhnKey(`${random.int(4, 9)}${random.digits(7)}`) : null
  return {
    salutation,
    firstName,
    lastName,
    company,
    title: random.pick(TITLES),
    leadSource: source,
    industry: activity.industry,
    status,
    rating: status === 'hot' || status === 'qualified' ? 'active' : null,
    annualRevenue: random.chance(0.5) ? (employees * random.int(50, 120) * 1000).toFixed(2) : null,
    employees,
    email: `${plain(firstName)}.${plain(lastName)}@${domain}`,
    phone: phone(city.zone, random),
    mobile: random.chance(0.7) ? phone(random.pick([6, 7]), random) : null,
    website: domain.endsWith('.fr') && !FREE_MAIL.includes(domain) ? `https://www.${domain}` : null,
    emailOptOut: random.chance(0.05),
    doNotCall: status === 'junk' || random.chance(0.03),
    siren,
    siret: siren ? withLuhnKey(`${siren}000${random.int(1, 9)}`) : null,
    address: {
      street: `${random.int(1, 90)} ${random.pick(STREETS)}`,
      postalCode: city.postalCode,
      city: city.city,
      region: city.region,
      country: 'France',
    },
    description: description(source, random),
  }
}

/** Eighty leads across every status; none converted (the demo converts a few through the action). */
export function generateLeads(seed = 20261127): RecordData[] {
  const random = createRandom(seed)
  return STATUS_PLAN.flatMap(([status, count]) =>
    Array.from({ length: count }, () => demoLead(status, random)),
  )
}
