import Resolver from '@forge/resolver';
import { getBoards } from './boards';
import { getIssueSprints, getSprintFacts, getSprints } from './sprintFacts';

/** The one resolver function of the app (manifest: `resolver`); each key is an `invoke` target. */
const resolver = new Resolver();
resolver.define('getBoards', getBoards as never);
resolver.define('getSprints', getSprints as never);
resolver.define('getSprintFacts', getSprintFacts as never);
resolver.define('getIssueSprints', getIssueSprints as never);

export const handler = resolver.getDefinitions();
