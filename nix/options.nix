# The options of services.cc-warm (module.nix). Only lib.mkOption, lib.mkEnableOption,
# lib.literalExpression and lib.types.{bool,str,package,nullOr,attrsOf,anything} are used, so
# nix/tests/stub-lib.nix can stand in for nixpkgs' lib in tests.
{ lib, pkgs }:
let
  inherit (lib) literalExpression mkEnableOption mkOption types;
  calendar = description: default: mkOption {
    type = types.str;
    inherit default;
    description = "${description} As a systemd OnCalendar expression (see systemd.time(7)).";
  };
in
{
  enable = mkEnableOption "cc-warm, the warm-data lane for Co-op Cloud recipe CI";

  package = mkOption {
    type = types.package;
    default = pkgs.cc-warm or (throw "services.cc-warm.package: pkgs has no cc-warm; set services.cc-warm.package (see docs/nixos.md)");
    defaultText = literalExpression "pkgs.cc-warm";
    description = "The cc-warm package; it must provide bin/cc-warm.";
  };

  stateDir = mkOption {
    type = types.str;
    default = "/var/lib/ci-warm";
    description = ''
      Registry, known-good snapshots, locks and alerts. Not reproducible: keep it out of
      impermanence wipes and back it up like any data directory. Written to the config file as
      `stateDir`. Under /var/lib it is the units' StateDirectory=, elsewhere a tmpfiles rule.
    '';
  };

  settings = mkOption {
    type = types.attrsOf types.anything;
    default = { };
    example = literalExpression ''
      {
        ciDomain = "ci.example.org";
        deployer = { kind = "abra"; server = "ci.example.org"; };
        recipes.lasuite-docs = { sso = { }; };
        sweep = { schedule = "0 2 * * *"; maxTests = 4; };
      }
    '';
    description = ''
      The cc-warm config (lib/config/schema.ts), written as JSON to /etc/cc-warm/config.json:
      ciDomain, deployer, keycloak, recipes, sweep, disk, alerts, locks. Never put secrets here
      (the file is in the Nix store): the Keycloak admin password comes from
      environmentFile (CC_WARM_KEYCLOAK_ADMIN_PASSWORD by default).
    '';
  };

  environmentFile = mkOption {
    type = types.nullOr types.str;
    default = null;
    example = "/run/secrets/cc-warm.env";
    description = ''
      An absolute path (a string, so it is not copied into the store) to an EnvironmentFile=
      with secrets, e.g. `CC_WARM_KEYCLOAK_ADMIN_PASSWORD=…`, for every cc-warm unit.
    '';
  };

  sweep.onCalendar = mkOption {
    type = types.nullOr types.str;
    default = null;
    example = "Mon..Fri *-*-* 02:00:00";
    description = ''
      When the nightly sweep runs. Default (null): computed from the cron expression in
      settings.sweep.schedule (default "0 2 * * *"). Set it only for what cron cannot say or
      OnCalendar cannot (cron ORs day-of-month and day-of-week when both are restricted; that
      is refused). It is written to the config file as sweep.onCalendar.
    '';
  };

  reaper.onCalendar = calendar "When leftover Keycloak realms are reaped." "*-*-* *:15:00";
  prune.onCalendar = calendar "When disk usage is checked and pruned if over the threshold." "*-*-* *:45:00";

  reconcile.onCalendar = mkOption {
    type = types.nullOr types.str;
    default = null;
    example = "*-*-* 01:00:00";
    description = ''
      Also run the Keycloak reconciler on this schedule (OnCalendar). Default: only at boot and
      when the config changes.
    '';
  };
}
