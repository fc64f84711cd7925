import { getMe } from "@/lib/api/routes/core";

export const GET = getMe;
