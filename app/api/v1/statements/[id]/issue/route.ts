export { postIssue as POST } from "@/lib/api/routes/statements";
