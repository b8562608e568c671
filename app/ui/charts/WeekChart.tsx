import { scaleBand, scaleLinear, scalePoint } from "d3-scale";
import { line } from "d3-shape";
import { ChartFrame } from "./ChartFrame";
import { formatNumber, formatWeek, spansOverAYear } from "./format";
import { axisColour, gridColour, inkColour, seriesColours, seriesDashes } from "./palette";

export interface WeekSeries {
  label: string;
  values: number[];
}

// A narrow drawing keeps the text readable when the chart shrinks to a phone's width.
const width = 360;
const fontSize = 13;

/** At most about five dates under the axis, always including the last week. */
function tickWeeks(weeks: string[]): Set<number> {
  const step = Math.max(1, Math.ceil(weeks.length / (spansOverAYear(weeks) ? 4 : 5)));
  const picked = new Set<number>();
  for (let i = weeks.length - 1; i >= 0; i -= step) picked.add(i);
  return picked;
}

/**
 * Weekly counts: one series as bars, several as lines. The y axis counts whole things, so only
 * whole-number ticks are drawn.
 */
export function WeekChart({
  title,
  description,
  weeks,
  series,
  language,
  xLabel,
  yLabel,
}: {
  title: string;
  description: string;
  weeks: string[];
  series: WeekSeries[];
  language: string;
  xLabel: string;
  yLabel: string;
}) {
  const asBars = series.length === 1;
  // Several series get a legend row above the plot.
  const margin = { top: asBars ? 12 : 34, right: 12, bottom: 42, left: 40 };
  const height = asBars ? 230 : 252;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const y = scaleLinear()
    .domain([0, max])
    .nice(4)
    .range([height - margin.bottom, margin.top]);
  const yTicks = y.ticks(4).filter((t) => Number.isInteger(t));
  const long = spansOverAYear(weeks);
  const ticks = tickWeeks(weeks);
  const band = scaleBand<number>()
    .domain(weeks.map((_, i) => i))
    .range([margin.left, width - margin.right])
    .paddingInner(weeks.length > 30 ? 0.1 : 0.25)
    .paddingOuter(0.1);
  const point = scalePoint<number>()
    .domain(weeks.map((_, i) => i))
    .range([margin.left + 8, width - margin.right - 8]);
  const xOf = (i: number) => (asBars ? band(i)! + band.bandwidth() / 2 : point(i)!);
  const path = line<number>()
    .x((_, i) => point(i)!)
    .y((v) => y(v));
  return (
    <ChartFrame title={title} description={description} width={width} height={height}>
      <g fontSize={fontSize} fill={axisColour}>
        {yTicks.map((t) => (
          <g key={t}>
            <line x1={margin.left} x2={width - margin.right} y1={y(t)} y2={y(t)} stroke={gridColour} />
            <text x={margin.left - 6} y={y(t)} dy="0.32em" textAnchor="end">
              {formatNumber(t, language)}
            </text>
          </g>
        ))}
        {weeks.map((week, i) =>
          ticks.has(i) ? (
            // The last line point sits at the right edge, where a centred date would be cut off.
            <text
              key={week}
              x={xOf(i)}
              y={height - margin.bottom + 16}
              textAnchor={!asBars && i === weeks.length - 1 ? "end" : "middle"}
            >
              {formatWeek(week, language, long)}
            </text>
          ) : null,
        )}
        <text x={(margin.left + width - margin.right) / 2} y={height - 6} textAnchor="middle">
          {xLabel}
        </text>
        <text transform={`translate(12 ${(margin.top + height - margin.bottom) / 2}) rotate(-90)`} textAnchor="middle">
          {yLabel}
        </text>
      </g>
      <line x1={margin.left} x2={width - margin.right} y1={y(0)} y2={y(0)} stroke={axisColour} />
      {asBars
        ? series[0].values.map((v, i) => (
            <rect key={weeks[i]} x={band(i)} y={y(v)} width={band.bandwidth()} height={y(0) - y(v)} fill={seriesColours[0]} />
          ))
        : series.map((s, k) => (
            <g key={s.label}>
              <path
                d={path(s.values) ?? undefined}
                fill="none"
                stroke={seriesColours[k % seriesColours.length]}
                strokeWidth={2.5}
                strokeDasharray={seriesDashes[k % seriesDashes.length] || undefined}
                strokeLinejoin="round"
              />
              {weeks.length <= 20
                ? s.values.map((v, i) => (
                    <circle key={weeks[i]} cx={point(i)} cy={y(v)} r={3} fill={seriesColours[k % seriesColours.length]} />
                  ))
                : null}
            </g>
          ))}
      {asBars ? null : <Legend series={series} left={margin.left} />}
    </ChartFrame>
  );
}

function Legend({ series, left }: { series: WeekSeries[]; left: number }) {
  let x = left - 30;
  return (
    <g fontSize={fontSize} fill={inkColour}>
      {series.map((s, k) => {
        const at = x;
        x += 30 + s.label.length * 8 + 14;
        return (
          <g key={s.label} transform={`translate(${at} 10)`}>
            <line
              x1={0}
              x2={24}
              y1={0}
              y2={0}
              stroke={seriesColours[k % seriesColours.length]}
              strokeWidth={2.5}
              strokeDasharray={seriesDashes[k % seriesDashes.length] || undefined}
            />
            <text x={29} y={0} dy="0.32em">
              {s.label}
            </text>
          </g>
        );
      })}
    </g>
  );
}
