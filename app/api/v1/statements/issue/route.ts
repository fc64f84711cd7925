export { postIssueMany as POST } from "@/lib/api/routes/statements";
