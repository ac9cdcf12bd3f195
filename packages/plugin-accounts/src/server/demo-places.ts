/**
 * French places for the demo data set: cities with their postal code, region and telephone zone, and
 * street names.
 * @module
 */

export interface City {
  city: string
  postalCode: string
  region: string
  /** First digit of the local number after +33 (1 Île-de-France, 2 north-west, 3 north-east, 4 south-east, 5 south-west). */
  zone: number
}

export const CITIES: Record<string, City> = {
  paris: { city: 'Paris', postalCode: '75011', region: 'Île-de-France', zone: 1 },
  montreuil: { city: 'Montreuil', postalCode: '93100', region: 'Île-de-France', zone: 1 },
  boulogne: { city: 'Boulogne-Billancourt', postalCode: '92100', region: 'Île-de-France', zone: 1 },
  versailles: { city: 'Versailles', postalCode: '78000', region: 'Île-de-France', zone: 1 },
  lyon: { city: 'Lyon', postalCode: '69003', region: 'Auvergne-Rhône-Alpes', zone: 4 },
  grenoble: { city: 'Grenoble', postalCode: '38000', region: 'Auvergne-Rhône-Alpes', zone: 4 },
  annecy: { city: 'Annecy', postalCode: '74000', region: 'Auvergne-Rhône-Alpes', zone: 4 },
  chambery: { city: 'Chambéry', postalCode: '73000', region: 'Auvergne-Rhône-Alpes', zone: 4 },
  clermont: { city: 'Clermont-Ferrand', postalCode: '63000', region: 'Auvergne-Rhône-Alpes', zone: 4 },
  saintEtienne: { city: 'Saint-Étienne', postalCode: '42000', region: 'Auvergne-Rhône-Alpes', zone: 4 },
  bourg: { city: 'Bourg-en-Bresse', postalCode: '01000', region: 'Auvergne-Rhône-Alpes', zone: 4 },
  valence: { city: 'Valence', postalCode: '26000', region: 'Auvergne-Rhône-Alpes', zone: 4 },
  tain: { city: 'Tain-l’Hermitage', postalCode: '26600', region: 'Auvergne-Rhône-Alpes', zone: 4 },
  marseille: { city: 'Marseille', postalCode: '13008', region: 'Provence-Alpes-Côte d’Azur', zone: 4 },
  aix: { city: 'Aix-en-Provence', postalCode: '13100', region: 'Provence-Alpes-Côte d’Azur', zone: 4 },
  nice: { city: 'Nice', postalCode: '06000', region: 'Provence-Alpes-Côte d’Azur', zone: 4 },
  avignon: { city: 'Avignon', postalCode: '84000', region: 'Provence-Alpes-Côte d’Azur', zone: 4 },
  montpellier: { city: 'Montpellier', postalCode: '34000', region: 'Occitanie', zone: 4 },
  perpignan: { city: 'Perpignan', postalCode: '66000', region: 'Occitanie', zone: 4 },
  toulouse: { city: 'Toulouse', postalCode: '31000', region: 'Occitanie', zone: 5 },
  bordeaux: { city: 'Bordeaux', postalCode: '33000', region: 'Nouvelle-Aquitaine', zone: 5 },
  laRochelle: { city: 'La Rochelle', postalCode: '17000', region: 'Nouvelle-Aquitaine', zone: 5 },
  pau: { city: 'Pau', postalCode: '64000', region: 'Nouvelle-Aquitaine', zone: 5 },
  poitiers: { city: 'Poitiers', postalCode: '86000', region: 'Nouvelle-Aquitaine', zone: 5 },
  limoges: { city: 'Limoges', postalCode: '87000', region: 'Nouvelle-Aquitaine', zone: 5 },
  nantes: { city: 'Nantes', postalCode: '44000', region: 'Pays de la Loire', zone: 2 },
  angers: { city: 'Angers', postalCode: '49000', region: 'Pays de la Loire', zone: 2 },
  rennes: { city: 'Rennes', postalCode: '35000', region: 'Bretagne', zone: 2 },
  brest: { city: 'Brest', postalCode: '29200', region: 'Bretagne', zone: 2 },
  vannes: { city: 'Vannes', postalCode: '56000', region: 'Bretagne', zone: 2 },
  tours: { city: 'Tours', postalCode: '37000', region: 'Centre-Val de Loire', zone: 2 },
  orleans: { city: 'Orléans', postalCode: '45000', region: 'Centre-Val de Loire', zone: 2 },
  bourges: { city: 'Bourges', postalCode: '18000', region: 'Centre-Val de Loire', zone: 2 },
  rouen: { city: 'Rouen', postalCode: '76000', region: 'Normandie', zone: 2 },
  caen: { city: 'Caen', postalCode: '14000', region: 'Normandie', zone: 2 },
  leHavre: { city: 'Le Havre', postalCode: '76600', region: 'Normandie', zone: 2 },
  lille: { city: 'Lille', postalCode: '59000', region: 'Hauts-de-France', zone: 3 },
  amiens: { city: 'Amiens', postalCode: '80000', region: 'Hauts-de-France', zone: 3 },
  reims: { city: 'Reims', postalCode: '51100', region: 'Grand Est', zone: 3 },
  strasbourg: { city: 'Strasbourg', postalCode: '67000', region: 'Grand Est', zone: 3 },
  colmar: { city: 'Colmar', postalCode: '68000', region: 'Grand Est', zone: 3 },
  metz: { city: 'Metz', postalCode: '57000', region: 'Grand Est', zone: 3 },
  nancy: { city: 'Nancy', postalCode: '54000', region: 'Grand Est', zone: 3 },
  dijon: { city: 'Dijon', postalCode: '21000', region: 'Bourgogne-Franche-Comté', zone: 3 },
  besancon: { city: 'Besançon', postalCode: '25000', region: 'Bourgogne-Franche-Comté', zone: 3 },
}

export const STREETS = [
  'rue de la République',
  'avenue Jean-Jaurès',
  'rue Victor-Hugo',
  'boulevard Gambetta',
  'place du Marché',
  'rue des Tanneurs',
  'chemin des Vignes',
  'impasse des Lilas',
  'quai de la Loire',
  'allée des Acacias',
  'rue Pasteur',
  'rue du Général-Leclerc',
  'avenue de la Gare',
  'rue Nationale',
  'rue de l’Église',
  'boulevard de la Liberté',
  'rue des Artisans',
  'zone artisanale des Prés',
  'rue du Moulin',
  'avenue Foch',
] as const
