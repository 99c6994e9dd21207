import Resolver from '@forge/resolver';
import { getBoards } from './boards';
import { getIssueSprints, getSprintFacts, getSprints } from './sprintFacts';

/** The one resolver function of the app (manifest: `resolver`); each key is an `invoke` target. */
const resolver = new Resolver();
resolver.define('getBoards', getBoards);
resolver.define('getSprints', getSprints);
resolver.define('getSprintFacts', getSprintFacts);
resolver.define('getIssueSprints', getIssueSprints);

export const handler = resolver.getDefinitions();
