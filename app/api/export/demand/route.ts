import { exportRoute } from "../export-route";

export const dynamic = "force-dynamic";

/** Downloads of the demand view's tables (see export-route.ts). */
export const GET = exportRoute("demand");
