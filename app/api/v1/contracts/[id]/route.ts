export { getContract as GET, patchContract as PATCH } from "@/lib/api/routes/contracts";
