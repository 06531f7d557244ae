/**
 * Schemas for what the lock module reads back from disk: a ticket (a holder record or a
 * release tombstone) and the holder mirror `<name>.lock`. A file that fails them is treated as
 * unreadable (a dead ticket, no mirror), never trusted by cast.
 * @module
 */
import { z } from "zod";
import type { LockHolder } from "./types.ts";

const holderFields = z.object({
  name: z.string().min(1),
  pid: z.number().int().positive(),
  host: z.string(),
  since: z.string(),
  procStart: z.string().optional(),
  bootId: z.string().optional(),
  purpose: z.string().optional(),
});

/** A holder record as written into a ticket (its number is the file name, not a field). */
export const ticketHolderSchema: z.ZodType<Omit<LockHolder, "ticket">> = holderFields;

/** A released ticket kept as the queue's high-water mark. */
export const ticketTombstoneSchema: z.ZodType<{ released: true; pid: number }> = z.object({
  released: z.literal(true),
  pid: z.number().int(),
});

/** The mirror `<stateDir>/locks/<name>.lock`: the holder record with its ticket. */
export const lockMirrorSchema: z.ZodType<LockHolder> = holderFields.extend({ ticket: z.string().regex(/^\d{16}$/) });
