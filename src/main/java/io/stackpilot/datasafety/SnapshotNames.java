package io.stackpilot.datasafety;

import io.stackpilot.render.ContentHash;

/**
 * Names of what data safety creates, derived from what they are for, so a retry finds them again.
 */
public final class SnapshotNames {

  private SnapshotNames() {}

  /** The snapshot of a claim taken before the upgrade to a revision: one per claim and revision. */
  public static String beforeUpgrade(String claim, String revision) {
    return claim + "-pre-" + revision;
  }

  /**
   * The claim restored from a snapshot. Derived from the snapshot, so the same restore never makes
   * two claims, and two restores of one item (after two failed upgrades) never collide.
   */
  public static String restoredClaim(String service, String storage, String snapshot) {
    return service + "-" + storage + "-r" + ContentHash.ofText(snapshot).substring(0, 6);
  }
}
