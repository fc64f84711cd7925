export { getStatements as GET } from "@/lib/api/routes/statements";
