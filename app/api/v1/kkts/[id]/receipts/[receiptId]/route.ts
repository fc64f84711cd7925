export { getRegisterReceipt as GET } from "@/lib/api/routes/turnover";
