import { token } from '@atlaskit/tokens';
import type { SprintFacts } from '../../../../src/domain/sprintFacts';
import { day, unitLabel } from '../format';
import { useT } from '../i18n';

const W = 640, H = 220, PAD = { l: 40, r: 16, t: 16, b: 28 };

/** Remaining work and total scope over the sprint, drawn with design tokens only. */
export function BurndownChart({ facts }: { facts: SprintFacts }) {
  const t = useT();
  const pts = facts.burndown;
  if (pts.length < 2) return null;
  const maxY = Math.max(1, ...pts.map((p) => Math.max(p.scope, p.remaining)));
  const x = (at: number) => PAD.l + ((at - facts.window.start) / Math.max(1, facts.window.end - facts.window.start)) * (W - PAD.l - PAD.r);
  const y = (v: number) => H - PAD.b - (v / maxY) * (H - PAD.t - PAD.b);
  const line = (pick: (p: (typeof pts)[number]) => number) => pts.map((p, i) => `${i ? 'L' : 'M'}${x(p.at).toFixed(1)},${y(pick(p)).toFixed(1)}`).join(' ');
  const first = pts[0], last = pts[pts.length - 1];
  const u = t(unitLabel(facts.unit));
  const summary = t('burndown.summary', { scopeFrom: first.scope, scopeTo: last.scope, remainingFrom: first.remaining, remainingTo: last.remaining, unit: u });
  const ticks = [0, maxY / 2, maxY].map((v) => Math.round(v));
  return (
    <figure style={{ margin: 0 }}>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" style={{ maxWidth: W }} role="img" aria-label={t('burndown.label', { summary })}>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PAD.l} x2={W - PAD.r} y1={y(v)} y2={y(v)} stroke={token('color.border')} strokeDasharray="2 4" />
            <text x={PAD.l - 6} y={y(v) + 4} textAnchor="end" fontSize="11" fill={token('color.text.subtlest')}>{v}</text>
          </g>
        ))}
        <text x={PAD.l} y={H - 8} fontSize="11" fill={token('color.text.subtlest')}>{day(facts.window.start)}</text>
        <text x={W - PAD.r} y={H - 8} fontSize="11" textAnchor="end" fill={token('color.text.subtlest')}>{day(facts.window.end)}</text>
        <path d={line((p) => p.scope)} fill="none" stroke={token('color.chart.neutral')} strokeWidth="2" strokeDasharray="6 3" />
        <path d={line((p) => p.remaining)} fill="none" stroke={token('color.chart.blue.bold')} strokeWidth="2.5" />
      </svg>
      <figcaption style={{ font: token('font.body.small'), color: token('color.text.subtle') }}>
        <span style={{ color: token('color.chart.blue.bold') }}>━</span> {t('burndown.remaining', { unit: u })} · <span style={{ color: token('color.chart.neutral') }}>╍</span> {t('burndown.scope')} {summary}
      </figcaption>
    </figure>
  );
}
