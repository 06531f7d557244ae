import { randomBytes } from "node:crypto";

/** A random secret: URL-safe, no padding, `bytes` of entropy. */
export function generateSecret(bytes = 24): string {
  return randomBytes(bytes).toString("base64url");
}

/** The confidential OIDC client for one app, as Keycloak's ClientRepresentation. */
export function clientRepresentation(clientId: string, secret: string, redirectUris: readonly string[]): Record<string, unknown> {
  const origins = [...new Set(redirectUris.map((u) => originOf(u)).filter((o): o is string => !!o))];
  return {
    clientId,
    name: clientId,
    protocol: "openid-connect",
    enabled: true,
    publicClient: false,
    clientAuthenticatorType: "client-secret",
    secret,
    standardFlowEnabled: true,
    // Lets tests and asserts get a user token without a browser.
    directAccessGrantsEnabled: true,
    serviceAccountsEnabled: false,
    redirectUris: [...redirectUris],
    webOrigins: origins,
    attributes: { "post.logout.redirect.uris": redirectUris.join("##") },
  };
}

/** The test user, complete enough that Keycloak's user profile asks for nothing at login. */
export function userRepresentation(username: string, password: string, emailDomain: string): Record<string, unknown> {
  return {
    username,
    enabled: true,
    email: `${username}@${emailDomain}`,
    emailVerified: true,
    firstName: "CI",
    lastName: "User",
    credentials: [passwordCredential(password)],
  };
}

/** Body of `PUT …/users/{id}/reset-password`. */
export function passwordCredential(password: string): Record<string, unknown> {
  return { type: "password", value: password, temporary: false };
}

function originOf(uri: string): string | undefined {
  try {
    return new URL(uri.replace(/\*$/, "")).origin;
  } catch {
    return undefined;
  }
}
