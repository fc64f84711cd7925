export { getSyncRunRoute as GET } from "@/lib/api/routes/sync";
