export { patchPremises as PATCH } from "@/lib/api/routes/tenancy";
