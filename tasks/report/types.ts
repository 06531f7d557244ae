import type { AlertStatusRow, DiskStatus, RecipeStatus, SweepStatus } from "../status/types.ts";
import type { DiskHolder } from "./holders.ts";
import type { ReportHistory } from "./history.ts";

/** Everything the report page is drawn from. Sections that could not be read are absent and named in `failed`. */
export interface ReportData {
  /** When the report was made (ISO 8601). */
  at: string;
  stateDir: string;
  recipes?: RecipeStatus[] | undefined;
  disk?: DiskStatus[] | undefined;
  holders?: DiskHolder[] | undefined;
  alerts?: AlertStatusRow[] | undefined;
  sweep?: SweepStatus | undefined;
  history?: ReportHistory | undefined;
  /** Section → why it could not be read. */
  failed: Record<string, string>;
}
