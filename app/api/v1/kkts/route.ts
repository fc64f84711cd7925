export { getKkts as GET, postKkt as POST } from "@/lib/api/routes/tenancy";
