import "server-only";
// Every route module, so the OpenAPI document lists them all.
export * as core from "./core";
export * as connections from "./connections";
export * as tenancy from "./tenancy";
export * as contracts from "./contracts";
export * as statements from "./statements";
export * as adjustments from "./adjustments";
export * as turnover from "./turnover";
export * as sync from "./sync";
