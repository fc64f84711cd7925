export { getRegisterDayCheck as GET } from "@/lib/api/routes/turnover";
