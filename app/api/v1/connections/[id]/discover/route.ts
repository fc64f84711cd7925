export { postDiscover as POST } from "@/lib/api/routes/sync";
