import { deleteConnectionRoute, patchConnection } from "@/lib/api/routes/connections";

export const PATCH = patchConnection;
export const DELETE = deleteConnectionRoute;
