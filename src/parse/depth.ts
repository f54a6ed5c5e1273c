/** Deeper than this, a site is reported as not analysed: no real test nests blocks this far. */
export const MAX_ANALYSED_DEPTH = 500;
