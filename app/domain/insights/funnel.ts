/** The steps from idea to completed project, each with the share of the step before it. */
export const funnelSteps = ["ideas", "reachedThreshold", "promoted", "ongoing", "completed"] as const;
export type FunnelStep = (typeof funnelSteps)[number];

export function funnelWithConversion(funnel: Record<FunnelStep, number>) {
  return funnelSteps.map((step, index) => {
    const previous = index === 0 ? null : funnel[funnelSteps[index - 1]];
    return { step, count: funnel[step], conversion: previous === null || previous === 0 ? null : funnel[step] / previous };
  });
}
