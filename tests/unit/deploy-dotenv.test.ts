import { describe, expect, it } from "vitest";
import { expandVars, parseEnvFile } from "../../lib/deploy/dotenv.ts";

describe("parseEnvFile", () => {
  it("chains COMPOSE_FILE overlays with $VAR expansion", () => {
    const env = parseEnvFile('COMPOSE_FILE="compose.yml"\nCOMPOSE_FILE="$COMPOSE_FILE:compose.cache.yml"\nCOMPOSE_FILE="${COMPOSE_FILE}:compose.x.yml"\n');
    expect(env.values.COMPOSE_FILE).toBe("compose.yml:compose.cache.yml:compose.x.yml");
  });

  it("reads inline-comment modifiers and strips the comment from unquoted values", () => {
    const env = parseEnvFile("SECRET_DB_PASSWORD_VERSION=v1 # length=128\nSECRET_KEY_VERSION=v2   #length=32 charset=hex\nPLAIN=a#b\n");
    expect(env.values.SECRET_DB_PASSWORD_VERSION).toBe("v1");
    expect(env.modifiers.SECRET_DB_PASSWORD_VERSION).toEqual({ length: "128" });
    expect(env.values.SECRET_KEY_VERSION).toBe("v2");
    expect(env.modifiers.SECRET_KEY_VERSION).toEqual({ length: "32", charset: "hex" });
    // A '#' not preceded by whitespace is part of the value.
    expect(env.values.PLAIN).toBe("a#b");
  });

  it("handles quotes, escapes, export prefixes, comments and blank lines", () => {
    const text = [
      "# a comment",
      "",
      "export TYPE=demo",
      "A='literal $TYPE # not a comment'",
      'B="x \\"q\\" \\$TYPE $TYPE" # length=8',
      "C = spaced value  ",
      "#DOMAIN=commented.out",
      "not a line",
    ].join("\n");
    const env = parseEnvFile(text);
    expect(env.values).toEqual({ TYPE: "demo", A: "literal $TYPE # not a comment", B: 'x "q" $TYPE demo', C: "spaced value" });
    expect(env.modifiers.B).toEqual({ length: "8" });
  });

  it("expands defaults and falls back to the base environment", () => {
    const env = parseEnvFile("X=${MISSING:-dflt}\nY=${EMPTY:-e}\nE=\nZ=${E-keep}/${E:-alt}\nS=$STACK_NAME\n", { base: { STACK_NAME: "s_1", EMPTY: "" } });
    expect(env.values).toMatchObject({ X: "dflt", Y: "e", Z: "/alt", S: "s_1" });
  });

  it("lets a later assignment replace an earlier one and its modifiers", () => {
    const env = parseEnvFile("K=v1 # length=10\nK=v2\n");
    expect(env.values.K).toBe("v2");
    expect(env.modifiers.K).toBeUndefined();
  });
});

describe("expandVars", () => {
  it("expands nested defaults and leaves unknown names empty", () => {
    const look = (k: string) => ({ A: "a" })[k];
    expect(expandVars("${B:-${A}}-$C-${A}", look)).toBe("a--a");
  });
});

describe("multi-line quoted values", () => {
  it("keeps every line of a quoted value and what follows it", () => {
    const env = parseEnvFile('MOTD="Welcome.\nSecond line $TYPE\n  third"\nTYPE=x\nKEY=\'a\nb\' # length=8\nAFTER=1\n');
    expect(env.values).toEqual({ MOTD: "Welcome.\nSecond line \n  third", TYPE: "x", KEY: "a\nb", AFTER: "1" });
    expect(env.modifiers.KEY).toEqual({ length: "8" });
  });
  it("an unclosed quote is an error naming the key and line, not a value cut short", () => {
    expect(() => parseEnvFile('A=1\nB="never closed\nC=2\n')).toThrow(/B: line 2: the double-quoted value has no closing quote/);
  });
});
