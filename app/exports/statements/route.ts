import { downloadMonth } from "@/lib/statements/downloads";

export const GET = (req: Request) => downloadMonth(req);
