# Cron → systemd OnCalendar in pure Nix (builtins only), so the module can schedule the sweep
# from the same `settings.sweep.schedule` the config file carries. It is the algorithm of
# lib/schedule (TypeScript), output for output: tests/integration/nix-module.test.ts checks
# both against the same table and against `systemd-analyze calendar`.
let
  inherit (builtins) all concatStringsSep elemAt filter foldl' genList head isString length
    lessThan listToAttrs match replaceStrings sort split substring;

  fields = [
    { name = "minute"; min = 0; max = 59; names = [ ]; }
    { name = "hour"; min = 0; max = 23; names = [ ]; }
    { name = "day-of-month"; min = 1; max = 31; names = [ ]; }
    { name = "month"; min = 1; max = 12; names = [ "JAN" "FEB" "MAR" "APR" "MAY" "JUN" "JUL" "AUG" "SEP" "OCT" "NOV" "DEC" ]; }
    { name = "day-of-week"; min = 0; max = 7; names = [ "SUN" "MON" "TUE" "WED" "THU" "FRI" "SAT" ]; }
  ];
  macros = {
    "@yearly" = "0 0 1 1 *"; "@annually" = "0 0 1 1 *"; "@monthly" = "0 0 1 * *";
    "@weekly" = "0 0 * * 0"; "@daily" = "0 0 * * *"; "@midnight" = "0 0 * * *"; "@hourly" = "0 * * * *";
  };
  weekdayNames = [ "Sun" "Mon" "Tue" "Wed" "Thu" "Fri" "Sat" ];

  lower = [ "a" "b" "c" "d" "e" "f" "g" "h" "i" "j" "k" "l" "m" "n" "o" "p" "q" "r" "s" "t" "u" "v" "w" "x" "y" "z" ];
  upper = [ "A" "B" "C" "D" "E" "F" "G" "H" "I" "J" "K" "L" "M" "N" "O" "P" "Q" "R" "S" "T" "U" "V" "W" "X" "Y" "Z" ];
  toUpper = replaceStrings lower upper;
  toLower = replaceStrings upper lower;
  words = s: filter (w: isString w && w != "") (split "[[:space:]]+" s);
  last = l: elemAt l (length l - 1);
  range = lo: hi: step: genList (i: lo + i * step) ((hi - lo) / step + 1);
  uniqueSorted = l: foldl' (acc: v: if acc != [ ] && last acc == v then acc else acc ++ [ v ]) [ ] (sort lessThan l);
  indexOf = x: l: let hits = filter (i: elemAt l i == x) (genList (i: i) (length l)); in if hits == [ ] then null else head hits;
  pad = n: if n < 10 then "0${toString n}" else toString n;

  # [1 2 3 7] → [ { a = 1; b = 3; } { a = 7; b = 7; } ]
  runs = foldl' (acc: v:
    if acc != [ ] && v == (last acc).b + 1
    then genList (i: elemAt acc i) (length acc - 1) ++ [ { a = (last acc).a; b = v; } ]
    else acc ++ [ { a = v; b = v; } ]) [ ];
  renderRuns = show: rs: concatStringsSep "," (map (r:
    if r.b - r.a >= 2 then "${show r.a}..${show r.b}"
    else if r.a == r.b then show r.a else "${show r.a},${show r.b}") rs);

  expandField = key: spec: text:
    let
      fail = problem: throw "${key}: ${spec.name} field \"${text}\": ${problem}";
      toNumber = token:
        let digits = match "0*([0-9]+)" token; idx = indexOf (toUpper token) spec.names; in
        if digits != null then
          (let n = builtins.fromJSON (head digits); in
            if n < spec.min || n > spec.max then fail "${token} is outside ${toString spec.min}-${toString spec.max}" else n)
        else if idx == null then fail "\"${token}\" is not a valid value"
        else spec.min + idx;
      expandItem = item:
        let m = match "(\\*|[0-9A-Za-z]+)(-([0-9A-Za-z]+))?(/([0-9]+))?" item; in
        if m == null then fail (if item == "" then "empty list item" else "\"${item}\" is not *, N, N-M or a name, with an optional /STEP")
        else
          let
            from = elemAt m 0; to = elemAt m 2; stepText = elemAt m 4;
            step = if stepText == null then 1 else builtins.fromJSON (head (match "0*([0-9]+)" stepText));
            lo = if from == "*" then spec.min else toNumber from;
            hi = if to != null then toNumber to else if from == "*" || stepText != null then spec.max else lo;
          in
          if from == "*" && to != null then fail "\"${item}\": * cannot start a range"
          else if step < 1 then fail "\"${item}\": the step must be at least 1"
          else if lo > hi then fail "\"${item}\": the range runs backwards (cron does not wrap around)"
          else range lo hi step;
    in
    if match ".*[?#].*" text != null then fail "the Quartz-style ?, L, W, # and H are not cron syntax"
    else uniqueSorted (builtins.concatLists (map expandItem (filter isString (split "," text))));

  renderValues = spec: values:
    let
      first = head values;
      step = if length values >= 2 then elemAt values 1 - first else 0;
      isProgression = step > 1 && all (i: elemAt values i == first + i * step) (genList (i: i) (length values));
    in
    if length values == spec.max - spec.min + 1 then "*"
    # A progression that runs to the top of the field is systemd's "start/step".
    else if isProgression && last values + step > spec.max then "${pad first}/${toString step}"
    else if isProgression && length values >= 3 then "${pad first}..${pad (last values)}/${toString step}"
    else renderRuns pad (runs values);

  # systemd orders weekdays Monday first: Sunday becomes 7.
  renderWeekdays = days:
    if length days == 7 then ""
    else renderRuns (d: elemAt weekdayNames (d - (d / 7) * 7)) (runs (sort lessThan (map (d: if d == 0 then 7 else d) days)));

  expandMacro = key: cron:
    let
      trimmed = match "[[:space:]]*([^[:space:]].*[^[:space:]]|[^[:space:]])[[:space:]]*" cron;
      text = if trimmed == null then "" else toLower (head trimmed);
      ws = words cron;
    in
    if substring 0 1 text == "@" then
      (macros.${text} or (throw "${key}: ${if text == "@reboot" then "@reboot is not a calendar schedule" else "unknown macro \"${text}\""}"))
    else if length ws != 5 then throw "${key}: expected 5 fields (minute hour day-of-month month day-of-week), got ${toString (length ws)} in \"${cron}\""
    else concatStringsSep " " ws;

  toOnCalendar = { key ? "schedule" }: cron:
    let
      fs = words (expandMacro key cron);
      v = genList (i: expandField key (elemAt fields i) (elemAt fs i)) 5;
      weekdays = uniqueSorted (map (d: if d == 7 then 0 else d) (elemAt v 4));
      domStar = substring 0 1 (elemAt fs 2) == "*";
      dowStar = substring 0 1 (elemAt fs 4) == "*";
      allDays = length (elemAt v 2) == 31 || length weekdays == 7;
      # Both day fields restricted: cron ORs them, systemd ANDs them. Same meaning only when
      # one side is every day (then the OR is every day).
      orCase = !domStar && !dowStar;
      days = if orCase then genList (i: i + 1) 31 else elemAt v 2;
      dows = if orCase then genList (i: i) 7 else weekdays;
      wd = renderWeekdays dows;
    in
    if orCase && !allDays then
      throw "${key}: \"${cron}\" restricts both day-of-month and day-of-week: cron runs when EITHER matches, systemd OnCalendar only when BOTH match. Restrict only one of them (use * for the other), or set the OnCalendar value yourself"
    else "${if wd == "" then "" else "${wd} "}*-${renderValues (elemAt fields 3) (elemAt v 3)}-${renderValues (elemAt fields 2) days} ${renderValues (elemAt fields 1) (elemAt v 1)}:${renderValues (elemAt fields 0) (elemAt v 0)}:00";
in
{
  inherit toOnCalendar;
}
