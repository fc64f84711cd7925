export { postSyncRun as POST } from "@/lib/api/routes/sync";
