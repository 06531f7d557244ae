/**
 * zod schemas for the parts of Keycloak's responses cc-warm reads. Loose objects: Keycloak adds
 * fields between versions, and only the fields named here are relied on.
 * @module
 */
import { z } from "zod";

/** `POST /realms/{r}/protocol/openid-connect/token`. */
export const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  refresh_token: z.string().min(1).optional(),
  refresh_expires_in: z.number().nonnegative().optional(),
});

/** One entry of `GET /admin/realms?briefRepresentation=true`. */
export const briefRealmSchema = z.looseObject({
  id: z.string().optional(),
  realm: z.string().min(1),
  enabled: z.boolean().optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
});

/** `GET /admin/realms/{r}` (full representation; `attributes` carries the markers). */
export const realmSchema = z.looseObject({
  realm: z.string().min(1),
  attributes: z.record(z.string(), z.unknown()).optional(),
});

/** `GET /admin/realms/{r}/clients?clientId=…` entries. */
export const clientSchema = z.looseObject({ id: z.string().min(1), clientId: z.string().min(1) });

/** `GET /admin/realms/{r}/clients/{id}/client-secret`. */
export const clientSecretSchema = z.looseObject({ value: z.string().min(1) });

/** `GET /admin/realms/{r}/users?username=…&exact=true` entries. */
export const userSchema = z.looseObject({ id: z.string().min(1), username: z.string().min(1) });
