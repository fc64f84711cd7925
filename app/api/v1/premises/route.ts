export { getPremises as GET, postPremises as POST } from "@/lib/api/routes/tenancy";
