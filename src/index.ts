export { handler } from './resolvers';
/** The personal data reporting job, run weekly by the scheduled trigger `scrum-coach-personal-data`. */
export { reportPersonalData } from './services/personalData';
