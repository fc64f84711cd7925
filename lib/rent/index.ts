export * from "./types";
export { computeMonth, computeMonthFromAggregates, termsFor, validateTerms } from "./compute";
export { aggregateDays, countedDays, dayMask } from "./turnover";
export { reconcileLeaseYear } from "./reconcile";
export { activeDays, daysInMonth } from "./calendar";
