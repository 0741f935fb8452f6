import "server-only";

/** The date of the bundled eu-central-1 catalog snapshot, for pages that say how old the bundled facts are. */
export { CATALOG_SNAPSHOT_DATE } from "@/db/seed/catalog-snapshot";
