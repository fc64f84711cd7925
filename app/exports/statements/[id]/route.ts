import { downloadStatement } from "@/lib/statements/downloads";

export const GET = async (req: Request, ctx: { params: Promise<{ id: string }> }) => downloadStatement(req, (await ctx.params).id);
