import { patchConnection } from "@/lib/api/routes/connections";

export const PATCH = patchConnection;
