export { postContractEnd as POST } from "@/lib/api/routes/contracts";
