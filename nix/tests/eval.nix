# Evaluate nix/module.nix without nixpkgs: stub-lib.nix as `lib`, a fake `pkgs.cc-warm`, and a
# one-definition module system (declared options, type checks, defaults, mkIf/mkMerge).
# Returns what the tests check. Usage:
#   nix-instantiate --eval --strict --json nix/tests/eval.nix --arg configuration 'import ./example.nix'
{ configuration ? import ./example.nix }:
let
  lib = import ./stub-lib.nix;
  inherit (builtins) attrNames concatStringsSep filter foldl' isAttrs isList listToAttrs mapAttrs;
  pkgs.cc-warm = { type = "derivation"; name = "cc-warm-0.1.0"; outPath = "/nix/store/00000000000000000000000000000000-cc-warm-0.1.0"; };
  module = import ../module.nix;

  isOption = x: isAttrs x && (x._type or null) == "option";
  unwrap = v: if isAttrs v && (v._type or null) == "override" then v.content else v;
  # Declared options + one definition tree → values, like NixOS: unknown options and values of
  # the wrong type are errors; options without a definition take their default.
  evalOptions = path: decls: defs:
    let unknown = filter (n: !(decls ? ${n})) (attrNames defs); in
    if unknown != [ ] then throw "The option `${concatStringsSep "." (path ++ [ (builtins.head unknown) ])}' does not exist."
    else mapAttrs (n: d:
      let p = concatStringsSep "." (path ++ [ n ]); in
      if isOption d then
        (if defs ? ${n} then
          (let v = unwrap defs.${n}; in if d.type.check v then v else throw "The option `${p}' is not of type `${d.type.name}'.")
        else d.default or (throw "The option `${p}' is used but not defined."))
      else evalOptions (path ++ [ n ]) d (defs.${n} or { })) decls;

  # mkIf/mkMerge/mkDefault in the module's `config` → plain values (false mkIf → absent).
  resolve = v:
    if isAttrs v && (v._type or null) == "if" then (if v.condition then resolve v.content else null)
    else if isAttrs v && (v._type or null) == "merge" then foldl' merge { } (map resolve v.contents)
    else if isAttrs v && (v._type or null) == "override" then resolve v.content
    else if isAttrs v && !(v ? outPath) then
      listToAttrs (filter (kv: kv.value != null) (map (n: { name = n; value = resolve v.${n}; }) (attrNames v)))
    else v;
  merge = a: b: a // mapAttrs (n: v:
    if isAttrs v && isAttrs (a.${n} or null) then merge a.${n} v
    else if isList v && isList (a.${n} or null) then a.${n} ++ v else v) b;

  declared = (module { inherit lib pkgs; config = throw "options must not depend on config"; }).options;
  values = evalOptions [ ] declared configuration;
  result = resolve (module { inherit lib pkgs; config = values; }).config;
  sys = result.systemd or { };
in
{
  failedAssertions = map (a: a.message) (filter (a: !a.assertion) (result.assertions or [ ]));
  configJSON = result.environment.etc."cc-warm/config.json".text or null;
  systemPackages = map (p: p.outPath) (result.environment.systemPackages or [ ]);
  tmpfiles = sys.tmpfiles.rules or [ ];
  services = mapAttrs (_: s: {
    inherit (s) description after requires wants;
    wantedBy = s.wantedBy or [ ];
    serviceConfig = s.serviceConfig;
  }) (sys.services or { });
  timers = mapAttrs (_: t: { inherit (t) wantedBy timerConfig; }) (sys.timers or { });
}
