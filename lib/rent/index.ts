export * from "./types";
export { computeMonth, termsFor, validateTerms } from "./compute";
export { reconcileLeaseYear } from "./reconcile";
export { activeDays, daysInMonth } from "./calendar";
