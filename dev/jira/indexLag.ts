/**
 * Jira's search index trails its database: /search/jql and the /rest/software/1.0 issue lists show
 * an issue as it was before a recent write (or not at all, if just created) until the index catches
 * up, unless a search names it in `reconcileIssues`. Direct reads (bulk fetch, GET issue) are current.
 */
import type { SiteIssue } from './site';

interface Pending { writtenAt: number; indexed: SiteIssue | null }

export class IndexLag {
  /** Issue id → what the index still holds for it, and when it was last written. */
  private readonly pending = new Map<string, Pending>();

  constructor(private delayMs = 0, private readonly now: () => number = Date.now) {}

  /** A shorter delay indexes what has waited that long already, for good (as time passing would). */
  setDelay(ms: number) {
    this.delayMs = ms;
    this.forgetIndexed();
  }
  get delay() { return this.delayMs; }

  /**
   * Call just before an issue changes (`before` null: it is being created). The index keeps the
   * state it had before the first of a burst of writes, until `delay` after the last one.
   */
  willWrite(issueId: string, before: SiteIssue | null) {
    if (this.delayMs <= 0) return;
    const stale = this.pending.get(issueId);
    const stillPending = stale && this.now() - stale.writtenAt < this.delayMs;
    const indexed = stillPending ? stale.indexed : before && structuredClone(before);
    this.pending.set(issueId, { writtenAt: this.now(), indexed });
  }

  private forgetIndexed() {
    for (const [id, stale] of this.pending) if (this.now() - stale.writtenAt >= this.delayMs) this.pending.delete(id);
  }

  /** The issues as the search index sees them: stale copies, minus ones it has not indexed yet. */
  view(issues: SiteIssue[], reconcile: ReadonlySet<string> = new Set()): SiteIssue[] {
    if (this.delayMs <= 0 || !this.pending.size) return issues;
    this.forgetIndexed();
    const out: SiteIssue[] = [];
    for (const issue of issues) {
      const stale = this.pending.get(issue.id);
      if (!stale || reconcile.has(issue.id) || this.now() - stale.writtenAt >= this.delayMs) out.push(issue);
      else if (stale.indexed) out.push(stale.indexed);
    }
    return out;
  }
}
