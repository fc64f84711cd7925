export { getRegisterDayCheck as GET, putRegisterDay as PUT, deleteRegisterDay as DELETE } from "@/lib/api/routes/turnover";
