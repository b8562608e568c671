/**
 * Series colours, each at least 4.5:1 against white so lines, bars and their labels stay readable;
 * lines also differ by dash pattern so colour is never the only difference.
 */
export const seriesColours = ["#0b5a6b", "#a33a14", "#5b3a8c", "#1e6b34"] as const;
export const seriesDashes = ["", "6 4", "2 3", "10 3 2 3"] as const;
export const axisColour = "#4a5561";
export const gridColour = "#d5dbe1";
export const inkColour = "#1b1f24";
