export { authorPath, type Person } from './person.js'
export {
  addToMasthead,
  createPerson,
  deletePerson,
  ensurePerson,
  findPersonId,
  getPersonBySlug,
  getPersonEntry,
  listMasthead,
  listPersonEntries,
  moveInMasthead,
  removeFromMasthead,
  updateMastheadEntry,
  updatePerson,
  type PersonEntry,
  type PersonFields,
  type PersonInput,
} from './people.service.js'
export { peopleRoutes } from './people.routes.js'
