export { getTurnover as GET } from "@/lib/api/routes/turnover";
