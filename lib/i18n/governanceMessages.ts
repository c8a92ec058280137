/**
 * The strings of the installation's housekeeping (issue 17): managing and deleting boards,
 * removing people, their data, sessions, the audit log and the accessibility statement.
 * Spread into the catalogs of ./messages.ts.
 */
export const governanceSv = {
  'manage.open': 'Hantera',
  'manage.label': 'Hantera {name}',
  'manage.rename': 'Byt namn',
  'manage.name': 'Nytt namn',
  'manage.save': 'Spara namnet',
  'manage.archive': 'Arkivera',
  'manage.unarchive': 'Ta fram ur arkivet',
  'manage.delete': 'Radera tavlan',
  'manage.confirmDelete':
    'Radera ”{name}”? Ingen kommer åt den längre. En administratör kan återställa den i {days} dagar, sedan tas den bort för gott.',
  'manage.confirmDeleteNow': 'Radera ”{name}” för gott? Det går inte att ångra.',
  'manage.failed': 'Det gick inte. Försök igen.',
  'home.archived': 'Arkiverade tavlor ({count})',
  'home.archivedBadge': 'Arkiverad',

  'nav.adminAccounts': 'Konton',
  'nav.adminBoards': 'Tavlor',
  'nav.adminAudit': 'Logg',
  'nav.adminSection': 'Administration',

  'adminBoards.title': 'Alla tavlor',
  'adminBoards.intro': 'Raderade tavlor kan återställas i {days} dagar; sedan tas de bort för gott med allt innehåll.',
  'adminBoards.name': 'Tavla',
  'adminBoards.state': 'Läge',
  'adminBoards.changed': 'Ändrad',
  'adminBoards.actions': 'Åtgärder',
  'adminBoards.active': 'Aktiv',
  'adminBoards.archived': 'Arkiverad',
  'adminBoards.deleted': 'Raderad, tas bort {date}',
  'adminBoards.restore': 'Återställ',
  'adminBoards.purge': 'Ta bort för gott',
  'adminBoards.empty': 'Det finns inga tavlor.',
} as const

export type GovernanceKey = keyof typeof governanceSv

export const governanceEn: Record<GovernanceKey, string> = {
  'manage.open': 'Manage',
  'manage.label': 'Manage {name}',
  'manage.rename': 'Rename',
  'manage.name': 'New name',
  'manage.save': 'Save the name',
  'manage.archive': 'Archive',
  'manage.unarchive': 'Take out of the archive',
  'manage.delete': 'Delete the board',
  'manage.confirmDelete':
    'Delete “{name}”? Nobody can open it any more. An administrator can restore it for {days} days, then it is removed for good.',
  'manage.confirmDeleteNow': 'Delete “{name}” for good? This cannot be undone.',
  'manage.failed': 'That did not work. Try again.',
  'home.archived': 'Archived boards ({count})',
  'home.archivedBadge': 'Archived',

  'nav.adminAccounts': 'Accounts',
  'nav.adminBoards': 'Boards',
  'nav.adminAudit': 'Log',
  'nav.adminSection': 'Administration',

  'adminBoards.title': 'All boards',
  'adminBoards.intro': 'Deleted boards can be restored for {days} days; then they are removed for good with everything on them.',
  'adminBoards.name': 'Board',
  'adminBoards.state': 'State',
  'adminBoards.changed': 'Changed',
  'adminBoards.actions': 'Actions',
  'adminBoards.active': 'Active',
  'adminBoards.archived': 'Archived',
  'adminBoards.deleted': 'Deleted, removed {date}',
  'adminBoards.restore': 'Restore',
  'adminBoards.purge': 'Remove for good',
  'adminBoards.empty': 'There are no boards.',
}
