# A hand-written stand-in for the parts of nixpkgs' `lib` that nix/module.nix uses (nixpkgs is
# not reachable in CI). Same names and, for what the module relies on, the same behaviour;
# types carry a `check` that eval.nix applies to every defined option value.
let
  inherit (builtins) all attrNames attrValues concatStringsSep foldl' isAttrs isBool isList
    isString listToAttrs stringLength substring;
  mkType = name: check: { _type = "option-type"; inherit name check; };
  hasPrefix = prefix: s: substring 0 (stringLength prefix) s == prefix;
in
rec {
  mkOption = attrs: attrs // { _type = "option"; };
  mkEnableOption = name: mkOption { type = types.bool; default = false; example = true; description = "Whether to enable ${name}."; };
  mkIf = condition: content: { _type = "if"; inherit condition content; };
  mkMerge = contents: { _type = "merge"; inherit contents; };
  mkDefault = content: { _type = "override"; priority = 1000; inherit content; };
  mkForce = content: { _type = "override"; priority = 50; inherit content; };
  literalExpression = text: { _type = "literalExpression"; inherit text; };

  optional = cond: x: if cond then [ x ] else [ ];
  optionalAttrs = cond: attrs: if cond then attrs else { };
  inherit hasPrefix;
  removePrefix = prefix: s: if hasPrefix prefix s then substring (stringLength prefix) (stringLength s) s else s;
  # nixpkgs: merge recursively while both sides are attrsets; the right side wins otherwise.
  recursiveUpdate = lhs: rhs: lhs // builtins.mapAttrs
    (n: v: if isAttrs v && isAttrs (lhs.${n} or null) && !(v ? _type) then recursiveUpdate lhs.${n} v else v)
    rhs;

  types = rec {
    bool = mkType "bool" isBool;
    str = mkType "str" isString;
    package = mkType "package" (v: isAttrs v && (v.type or null) == "derivation" && v ? outPath);
    anything = mkType "anything" (_: true);
    nullOr = t: mkType "null or ${t.name}" (v: v == null || t.check v);
    attrsOf = t: mkType "attribute set of ${t.name}" (v: isAttrs v && all t.check (attrValues v));
    listOf = t: mkType "list of ${t.name}" (v: isList v && all t.check v);
  };
}
