import { getConnections, postConnection } from "@/lib/api/routes/connections";

export const GET = getConnections;
export const POST = postConnection;
