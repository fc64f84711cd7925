import { downloadTurnover } from "@/lib/turnover/downloads";

export const GET = (req: Request) => downloadTurnover(req);
