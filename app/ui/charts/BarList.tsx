import { scaleLinear } from "d3-scale";
import { ChartFrame } from "./ChartFrame";
import { axisColour, inkColour, seriesColours } from "./palette";

export interface BarItem {
  label: string;
  value: number;
  /** Shown after the bar, e.g. "12 (40 %)"; the number itself when absent. */
  valueText: string;
}

const width = 360;
const row = 44;
const fontSize = 14;

/**
 * Horizontal bars with the label above each bar, so long names (partners, goals) fit on a phone.
 * The value axis is labelled once under the bars.
 */
export function BarList({
  title,
  description,
  items,
  valueLabel,
  colour = seriesColours[0],
}: {
  title: string;
  description: string;
  items: BarItem[];
  valueLabel: string;
  colour?: string;
}) {
  const max = Math.max(1, ...items.map((i) => i.value));
  // Room on the right for the value text.
  const x = scaleLinear()
    .domain([0, max])
    .range([0, width - 90]);
  const height = items.length * row + 30;
  return (
    <ChartFrame title={title} description={description} width={width} height={height}>
      {items.map((item, i) => (
        <g key={item.label} transform={`translate(0 ${i * row})`} fontSize={fontSize}>
          <text x={0} y={15} fill={inkColour}>
            {item.label}
          </text>
          <rect x={0} y={21} width={Math.max(item.value > 0 ? 2 : 0, x(item.value))} height={16} fill={colour} />
          <text x={x(item.value) + 6} y={29} dy="0.32em" fill={inkColour}>
            {item.valueText}
          </text>
        </g>
      ))}
      <line x1={0} x2={0} y1={20} y2={items.length * row} stroke={axisColour} />
      <text x={0} y={height - 8} fontSize={12} fill={axisColour}>
        {valueLabel}
      </text>
    </ChartFrame>
  );
}
