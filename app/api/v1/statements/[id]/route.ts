export { getStatement as GET } from "@/lib/api/routes/statements";
