export * from "./core";
export * from "./providers";
export * from "./tenancy";
export * from "./contracts";
export * from "./turnover";
export * from "./statements";
export * from "./sync";
