export { getRegisterMonthCheck as GET } from "@/lib/api/routes/turnover";
