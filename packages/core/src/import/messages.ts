/**
 * Messages of import and export, in French and English: row errors, file errors, problem titles, history
 * notes and the names of sub-columns (`Société (id)`, `Adresse (ville)`). Merged into core's messages
 * when import is registered, without replacing a key core or a plugin already defines.
 * @module
 */
import type { Locale, Messages } from '../plugin/define-plugin'

const fr: Messages = {
  'core:error.read_only': 'Ce champ est rempli par Comptoir et ne peut pas être saisi.',
  'core:error.import_invalid_number': 'Nombre invalide.',
  'core:error.import_invalid_date': 'Date invalide (attendu : {format}).',
  'core:error.import_invalid_datetime': 'Date et heure invalides (attendu : {format} hh:mm).',
  'core:error.import_no_match': 'Aucun enregistrement ne correspond à cette clé.',
  'core:error.import_ambiguous_key': 'Plusieurs enregistrements correspondent à cette clé.',
  'core:error.import_key_required': 'La clé de rapprochement est vide.',
  'core:error.import_duplicate': 'Doublon de la ligne {line} du fichier.',
  'core:error.import_reference_not_found': 'Aucun enregistrement lié ne correspond à « {value} ».',
  'core:error.import_ambiguous_reference': 'Plusieurs enregistrements liés correspondent à « {value} ».',
  'core:error.import_parent_invalid': 'Impossible de créer l’enregistrement lié « {value} ».',
  'core:error.import_forbidden': 'Vous n’avez pas le droit de modifier cet enregistrement.',
  'core:error.import_owner_forbidden': 'Vous ne pouvez pas attribuer d’enregistrements à cet utilisateur.',
  'core:error.import_empty': 'Le fichier est vide.',
  'core:error.import_unterminated_quote': 'Guillemet non fermé à partir de la ligne {line}.',
  'core:error.import_bad_multipart': 'Envoi de formulaire invalide.',
  'core:error.import_no_file': 'Aucun fichier reçu (champ « file »).',
  'core:error.import_bad_mapping': 'La correspondance doit être un objet JSON { "colonne": "champ" }.',
  'core:error.import_unknown_column': 'Cette colonne n’existe pas dans le fichier.',
  'core:error.import_invalid_key': 'Clé invalide : choisissez id ou un champ unique.',
  'core:error.import_key_not_mapped': 'Aucune colonne du fichier ne correspond à la clé « {key} ».',
  'core:problem.field-hidden': 'Vous n’avez pas accès à ce champ.',
  'core:problem.field-read-only': 'Ce champ est en lecture seule pour vous.',
  'core:problem.import-finished': 'Cet import est déjà terminé.',
  'core:problem.import-not-undoable': 'Cet import ne peut pas être annulé.',
  'core:history.import': 'Import',
  'core:history.import-undo': 'Annulation d’un import',
  'core:import.part.id': 'id',
  'core:import.part.entity': 'type',
  'core:import.part.street': 'rue',
  'core:import.part.postalCode': 'code postal',
  'core:import.part.city': 'ville',
  'core:import.part.region': 'région',
  'core:import.part.country': 'pays',
  'core:import.yes': 'Oui',
  'core:import.no': 'Non',
}

const en: Messages = {
  'core:error.read_only': 'This field is filled in by Comptoir and cannot be entered.',
  'core:error.import_invalid_number': 'Invalid number.',
  'core:error.import_invalid_date': 'Invalid date (expected {format}).',
  'core:error.import_invalid_datetime': 'Invalid date and time (expected {format} hh:mm).',
  'core:error.import_no_match': 'No record matches this key.',
  'core:error.import_ambiguous_key': 'Several records match this key.',
  'core:error.import_key_required': 'The matching key is empty.',
  'core:error.import_duplicate': 'Duplicate of row {line} of the file.',
  'core:error.import_reference_not_found': 'No linked record matches “{value}”.',
  'core:error.import_ambiguous_reference': 'Several linked records match “{value}”.',
  'core:error.import_parent_invalid': 'Cannot create the linked record “{value}”.',
  'core:error.import_forbidden': 'You may not change this record.',
  'core:error.import_owner_forbidden': 'You may not assign records to this user.',
  'core:error.import_empty': 'The file is empty.',
  'core:error.import_unterminated_quote': 'Unclosed quote starting on row {line}.',
  'core:error.import_bad_multipart': 'Invalid form upload.',
  'core:error.import_no_file': 'No file received (field “file”).',
  'core:error.import_bad_mapping': 'The mapping must be a JSON object { "column": "field" }.',
  'core:error.import_unknown_column': 'This column is not in the file.',
  'core:error.import_invalid_key': 'Invalid key: choose id or a unique field.',
  'core:error.import_key_not_mapped': 'No column of the file matches the key “{key}”.',
  'core:problem.field-hidden': 'You do not have access to this field.',
  'core:problem.field-read-only': 'This field is read-only for you.',
  'core:problem.import-finished': 'This import has already finished.',
  'core:problem.import-not-undoable': 'This import cannot be undone.',
  'core:history.import': 'Import',
  'core:history.import-undo': 'Import undone',
  'core:import.part.id': 'id',
  'core:import.part.entity': 'type',
  'core:import.part.street': 'street',
  'core:import.part.postalCode': 'postal code',
  'core:import.part.city': 'city',
  'core:import.part.region': 'region',
  'core:import.part.country': 'country',
  'core:import.yes': 'Yes',
  'core:import.no': 'No',
}

export const importMessages: Record<Locale, Messages> = { fr, en }

/** Adds import's messages to `target` where the key is not defined yet. */
export function mergeImportMessages(target: Record<Locale, Messages>): void {
  for (const locale of ['fr', 'en'] as const) {
    for (const [k, v] of Object.entries(importMessages[locale]))
      if (!(k in target[locale])) target[locale][k] = v
  }
}
