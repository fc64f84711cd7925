export { getStores as GET } from "@/lib/api/routes/tenancy";
