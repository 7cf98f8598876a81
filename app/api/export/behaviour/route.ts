import { exportRoute } from "../export-route";

export const dynamic = "force-dynamic";

/** Downloads of the behaviour view's tables (see export-route.ts). */
export const GET = exportRoute("behaviour");
