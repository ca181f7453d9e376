export { authorPath, type Person } from './person.js'
export { ensurePerson, findPersonId, getPersonBySlug, listMasthead, type PersonInput } from './people.service.js'
export { peopleRoutes } from './people.routes.js'
