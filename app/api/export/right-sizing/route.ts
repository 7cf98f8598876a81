import { exportRoute } from "../export-route";

export const dynamic = "force-dynamic";

/** Downloads of the right-sizing view's tables (see export-route.ts). */
export const GET = exportRoute("right-sizing");
