export { getRegisterDays as GET } from "@/lib/api/routes/turnover";
