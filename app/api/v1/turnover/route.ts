export { getTurnover as GET, postTurnover as POST } from "@/lib/api/routes/turnover";
