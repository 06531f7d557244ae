# The example configuration from docs/nixos.md, as the tests evaluate it.
{
  services.cc-warm = {
    enable = true;
    environmentFile = "/run/secrets/cc-warm.env";
    settings = {
      ciDomain = "ci.example.org";
      deployer = { kind = "abra"; server = "ci.example.org"; };
      keycloak = { adminUser = "admin"; adminPassword = { from = "env"; name = "CC_WARM_KEYCLOAK_ADMIN_PASSWORD"; }; };
      recipes = {
        lasuite-docs = { sso = { }; };
        nextcloud = { strategy = "adopt"; assertCommand = [ "/run/current-system/sw/bin/curl" "-fsS" "https://warm-nextcloud.ci.example.org/status.php" ]; };
      };
      sweep = { schedule = "30 1 * * MON-FRI"; maxTests = 4; coldCommand = [ "/opt/cc-ci/bin/run-cold" "{recipe}" "{ref}" ]; };
      disk = { warnAtPercent = 80; pruneAtPercent = 90; pruneDownToPercent = 75; };
      alerts.notifyCommand = [ "/opt/cc-ci/bin/notify" ];
      locks.waitTimeoutMinutes = 90;
    };
    reaper.onCalendar = "*-*-* *:00/30:00";
    reconcile.onCalendar = "*-*-* 00:30:00";
  };
}
