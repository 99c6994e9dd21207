/** `npm run bench`: bundle the backend as `forge deploy` does (the tests run it the same way), then measure. */
import bundleBackendOnce from '../tests/judges/globalSetup';

void bundleBackendOnce().then(() => require('./run'));
