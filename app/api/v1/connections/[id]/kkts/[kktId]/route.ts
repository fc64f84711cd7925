export { deleteConnectionRegister as DELETE } from "@/lib/api/routes/connections";
