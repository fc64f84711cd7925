export { getContracts as GET, postContract as POST } from "@/lib/api/routes/contracts";
