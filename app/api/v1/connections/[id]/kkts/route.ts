export { getConnectionRegisters as GET, postConnectionRegister as POST } from "@/lib/api/routes/connections";
