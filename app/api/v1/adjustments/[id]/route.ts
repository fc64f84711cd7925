export { deleteAdjustment as DELETE } from "@/lib/api/routes/adjustments";
