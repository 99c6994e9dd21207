/** The Content-Security-Policy Forge serves a Custom UI resource with, computed by Atlassian's own @forge/csp. */
import { readFileSync } from 'node:fs';
import { CSPInjectionService, CSPProcessingService } from '@forge/csp';
import { load } from 'cheerio';
import { parse } from 'yaml';

/**
 * The policy Forge's CDN serves a resource's files with, computed at deploy from the manifest's
 * permissions and the resource's built index.html (inline scripts are hashed into script-src).
 * `hostname` is the product site that embeds the app (Jira's origin): @forge/csp adds it to
 * frame-ancestors, frame-src, img-src, media-src, connect-src and style-src.
 */
export function forgeCsp(manifestFile: string, indexHtmlFile: string, hostname: string): string {
  const manifest = parse(readFileSync(manifestFile, 'utf8'));
  const html = readFileSync(indexHtmlFile);
  const quiet = { info: () => undefined };
  const details = new CSPProcessingService(quiet, load as never).getCspDetails(html, manifest.permissions ?? {});
  // microsEnv 'prod': the policy of a production install. The report-uri stays Atlassian's, as
  // computed; reports go nowhere offline, and the tests read violations in the browser instead.
  const directives = new CSPInjectionService().getInjectableCSP({
    existingCSPDetails: details, microsEnv: 'prod', hostname,
  });
  return directives.join('; ');
}

/** The flags of the policy's `sandbox` directive: the iframe gets the same set. */
export function sandboxFlags(policy: string): string {
  const sandbox = policy.split(';').map((d) => d.trim()).find((d) => d.startsWith('sandbox '));
  if (!sandbox) throw new Error('the policy has no sandbox directive');
  return sandbox.slice('sandbox '.length);
}
