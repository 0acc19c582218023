import { eq } from "drizzle-orm";
import { organizations } from "#db/schema";
import type { Actor } from "~/accounts/permissions";
import type { Database } from "~/db.server";
import { applyForPreview } from "./change-sets.server";
import { getPublishedOrganizationPage } from "./organizations.server";

/*
 * "See it as the public will" (issue 12 item 9): a pending change set is applied inside a
 * transaction exactly as approval would apply it, the public organization page is read inside
 * that transaction, and the transaction is rolled back. So the preview is the public page's own
 * query and the approval's own code, and nothing of it is ever committed: no audit row, no
 * search outbox row, no change to the listing.
 */

type Page = NonNullable<Awaited<ReturnType<typeof getPublishedOrganizationPage>>>;

export interface ChangeSetPreview {
  page: Page;
  changeSet: { id: string; entityType: string; operation: string; createdAt: string };
  /** The organization is not public yet: the preview shows it as it will be once published. */
  unpublished: boolean;
}

/** Thrown to roll the preview's transaction back, carrying what was read inside it. */
class RollBack extends Error {
  constructor(readonly preview: ChangeSetPreview) {
    super("preview rolled back");
  }
}

/** The public page with one pending change applied; 404 for anyone but its editors and staff. */
export async function previewChangeSet(
  db: Database,
  input: { actor: Actor; changeSetId: string; locale: string },
): Promise<ChangeSetPreview> {
  try {
    await db.transaction(async (tx) => {
      const changeSet = await applyForPreview(tx, input);
      const [organization] = await tx
        .select({ slug: organizations.slug, status: organizations.status })
        .from(organizations)
        .where(eq(organizations.id, changeSet.organizationId));
      const unpublished = organization!.status !== "published";
      // A listing that is not public yet is shown as it will be once published.
      if (unpublished) {
        await tx
          .update(organizations)
          .set({ status: "published" })
          .where(eq(organizations.id, changeSet.organizationId));
      }
      const page = await getPublishedOrganizationPage(tx, organization!.slug, input.locale);
      throw new RollBack({
        page: page!,
        changeSet: {
          id: changeSet.id,
          entityType: changeSet.entityType,
          operation: changeSet.operation,
          createdAt: changeSet.createdAt.toISOString(),
        },
        unpublished,
      });
    });
  } catch (thrown) {
    if (thrown instanceof RollBack) return thrown.preview;
    throw thrown;
  }
  throw new Error("unreachable: the preview transaction always rolls back");
}
