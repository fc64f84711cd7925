export { postRevise as POST } from "@/lib/api/routes/statements";
