import { describe, expect, it, afterAll, beforeAll } from "vitest";
import { sql } from "drizzle-orm";
import { createTestEngine, testEngines } from "@/test/db";
import type { Engine } from "./engine";
import { organizations } from "./schema";

describe.each(testEngines)("migrations on %s", (kind) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createTestEngine(kind);
  });
  afterAll(async () => engine?.close());

  it("applies every migration and round-trips a row", async () => {
    const [org] = await engine.db.insert(organizations).values({ name: "ТЦ Галерея" }).returning();
    expect(org.name).toBe("ТЦ Галерея");
    const r = await engine.db.execute(sql`select count(*)::int as n from organizations`);
    expect(JSON.stringify(r)).toContain("1");
  });
});
