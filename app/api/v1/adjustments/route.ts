export { getAdjustments as GET, postAdjustment as POST } from "@/lib/api/routes/adjustments";
