# NixOS module `services.cc-warm`: writes /etc/cc-warm/config.json from `settings`, keeps the
# warm Keycloak reconciled, and runs the nightly cold sweep, the realm reaper and disk prune on
# systemd timers. Usage and an example: docs/nixos.md.
{ config, lib, pkgs, ... }:
let
  inherit (lib) mkEnableOption mkIf mkOption types;
  cfg = config.services.cc-warm;
  cron = import ./cron.nix;
  configPath = "/etc/cc-warm/config.json";

  # The sweep's cron (the config file keeps it for `cc-warm status`) becomes the timer's
  # OnCalendar here, at evaluation time, unless the operator gives OnCalendar directly.
  sweepSchedule = cfg.settings.sweep.schedule or "0 2 * * *";
  sweepOnCalendar =
    if cfg.sweep.onCalendar != null then cfg.sweep.onCalendar
    else cron.toOnCalendar { key = "services.cc-warm.settings.sweep.schedule"; } sweepSchedule;

  finalSettings = lib.recursiveUpdate cfg.settings {
    stateDir = cfg.stateDir;
    sweep = { schedule = sweepSchedule; onCalendar = sweepOnCalendar; };
  };
  configJSON = builtins.toJSON finalSettings;

  # Arguments are constants without spaces or quotes: no shell quoting needed (ExecStart is not
  # run by a shell anyway).
  command = args: builtins.concatStringsSep " " ([ "${cfg.package}/bin/cc-warm" ] ++ args ++ [ "--json" "--config" configPath ]);
  stateUnderVarLib = lib.hasPrefix "/var/lib/" cfg.stateDir;

  oneshot = { description, args }: {
    inherit description;
    after = [ "docker.service" "network-online.target" ];
    requires = [ "docker.service" ];
    wants = [ "network-online.target" ];
    restartTriggers = [ (builtins.hashString "sha256" configJSON) ];
    serviceConfig = {
      Type = "oneshot";
      ExecStart = command args;
      # SIGTERM to cc-warm only: it cancels the graph and runs its teardown (undeploy, restore,
      # unlock) itself; its children (docker, abra) must not be killed underneath it.
      KillMode = "mixed";
      TimeoutStopSec = "15min";
      EnvironmentFile = lib.optional (cfg.environmentFile != null) cfg.environmentFile;
      Environment = [ "CC_WARM_CONFIG=${configPath}" ];
      PrivateTmp = true;
      NoNewPrivileges = true;
    } // lib.optionalAttrs stateUnderVarLib {
      # systemd creates it (0750) and never cleans it; data here is not reproducible.
      StateDirectory = lib.removePrefix "/var/lib/" cfg.stateDir;
      StateDirectoryMode = "0750";
    };
  };

  timer = { description, onCalendar, persistent }: {
    inherit description;
    wantedBy = [ "timers.target" ];
    timerConfig = { OnCalendar = onCalendar; Persistent = persistent; };
  };
in
{
  options.services.cc-warm = import ./options.nix { inherit lib pkgs; };

  config = mkIf cfg.enable {
    assertions = [
      { assertion = lib.hasPrefix "/" cfg.stateDir; message = "services.cc-warm.stateDir must be an absolute path"; }
      {
        assertion = (cfg.settings.stateDir or cfg.stateDir) == cfg.stateDir;
        message = "services.cc-warm: set the state directory with services.cc-warm.stateDir, not settings.stateDir";
      }
      {
        assertion = cfg.environmentFile == null || lib.hasPrefix "/" cfg.environmentFile;
        message = "services.cc-warm.environmentFile must be an absolute path string outside the Nix store (not a ./path literal, which would copy the secret into the store)";
      }
    ];

    environment.systemPackages = [ cfg.package ];
    environment.etc."cc-warm/config.json".text = configJSON;
    systemd.tmpfiles.rules = lib.optional (!stateUnderVarLib) "d ${cfg.stateDir} 0750 root root - -";

    systemd.services.cc-warm-reconcile-keycloak = oneshot {
      description = "cc-warm: reconcile the live-warm Keycloak (health-gated upgrade)";
      args = [ "reconcile" "app=keycloak" ];
    } // { wantedBy = [ "multi-user.target" ]; };
    systemd.services.cc-warm-sweep = oneshot { description = "cc-warm: nightly full-cold sweep"; args = [ "sweep" ]; };
    systemd.services.cc-warm-realms-reap = oneshot { description = "cc-warm: reap leftover Keycloak realms"; args = [ "realms-reap" ]; };
    systemd.services.cc-warm-prune = oneshot { description = "cc-warm: check disk usage and prune"; args = [ "prune" "dry-run=false" ]; };

    systemd.timers.cc-warm-sweep = timer { description = "cc-warm nightly sweep (${sweepSchedule})"; onCalendar = sweepOnCalendar; persistent = true; };
    systemd.timers.cc-warm-realms-reap = timer { description = "cc-warm realm reaper"; onCalendar = cfg.reaper.onCalendar; persistent = false; };
    systemd.timers.cc-warm-prune = timer { description = "cc-warm disk prune"; onCalendar = cfg.prune.onCalendar; persistent = false; };
    systemd.timers.cc-warm-reconcile-keycloak = mkIf (cfg.reconcile.onCalendar != null)
      (timer { description = "cc-warm Keycloak reconcile"; onCalendar = cfg.reconcile.onCalendar; persistent = true; });
  };
}
