export { getTenants as GET, postTenant as POST } from "@/lib/api/routes/tenancy";
