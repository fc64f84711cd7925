export { patchTenant as PATCH } from "@/lib/api/routes/tenancy";
