import "server-only";
import { z } from "zod";
import { createContract, endContract, getContractDto, listContractDtos, updateContract } from "@/lib/contracts/contracts";
import { authorize } from "@/lib/auth/actor";
import { contractEndSchema, contractInputSchema, contractPatchSchema } from "@/lib/validations/contracts";
import { defineRoute, pathId } from "../handler";

const contract = z.object({ id: z.string().uuid(), number: z.string(), tenantId: z.string().uuid(), start: z.string(), end: z.string(), currency: z.string(), status: z.string() }).passthrough();

export const postContract = defineRoute(
  { method: "POST", path: "/api/v1/contracts", summary: "Create a lease contract with its registers and rent terms", tag: "Contracts", permission: "contracts.write", body: contractInputSchema, response: contract, successStatus: 201 },
  async ({ actor, db, body }) => createContract(db, actor, body),
);
export const getContracts = defineRoute(
  { method: "GET", path: "/api/v1/contracts", summary: "Lease contracts", tag: "Contracts", permission: "contracts.read", response: z.object({ data: z.array(contract) }) },
  async ({ actor, db }) => ({ data: await listContractDtos(db, actor) }),
);
export const getContract = defineRoute(
  { method: "GET", path: "/api/v1/contracts/{id}", summary: "One contract", tag: "Contracts", permission: "contracts.read", response: contract },
  async ({ actor, db, params }) => {
    authorize(actor, "contracts.read");
    return getContractDto(db, actor.orgId, pathId(params));
  },
);
export const patchContract = defineRoute(
  { method: "PATCH", path: "/api/v1/contracts/{id}", summary: "Change a contract: number, end, status, registers or terms versions", tag: "Contracts", permission: "contracts.write", body: contractPatchSchema, response: contract },
  async ({ actor, db, params, body }) => updateContract(db, actor, pathId(params), body),
);
export const postContractEnd = defineRoute(
  { method: "POST", path: "/api/v1/contracts/{id}/end", summary: "End a contract early: its last day and the reason; register assignments are cut at that day", tag: "Contracts", permission: "contracts.write", body: contractEndSchema, response: contract },
  async ({ actor, db, params, body }) => endContract(db, actor, pathId(params), body),
);
