export { postCompute as POST } from "@/lib/api/routes/statements";
