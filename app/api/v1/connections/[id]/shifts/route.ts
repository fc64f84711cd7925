export { getConnectionShifts as GET } from "@/lib/api/routes/connections";
