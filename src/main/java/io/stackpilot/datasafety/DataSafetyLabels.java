package io.stackpilot.datasafety;

/**
 * The labels and annotations that tie snapshots and claims to the service, the storage item and the
 * revision they were made for. Everything data safety decides is read back from these, never from
 * memory, so a restarted operator carries on where the last one stopped.
 */
public final class DataSafetyLabels {

  /** The storage item (spec.storage[].name) a snapshot or a restored claim belongs to. */
  public static final String STORAGE = "stackpilot.io/storage";

  /** On a snapshot: the claim it was taken of. */
  public static final String SOURCE_CLAIM = "stackpilot.io/claim";

  /** On a snapshot: the revision whose upgrade it was taken before. */
  public static final String BEFORE_REVISION = "stackpilot.io/before-revision";

  /** On a claim whose data a failed revision migrated and a restore replaced: "migrated". */
  public static final String DATA = "stackpilot.io/data";

  public static final String MIGRATED = "migrated";

  /**
   * On a snapshot: when Stackpilot asked for it, to the millisecond, so retention knows which is
   * newest.
   */
  public static final String REQUESTED_AT = "stackpilot.io/requested-at";

  /** On a restored claim: the snapshot it was restored from. */
  public static final String RESTORED_FROM = "stackpilot.io/restored-from";

  /**
   * On a restored claim and on the claim it replaced: the revision whose failure caused the
   * restore.
   */
  public static final String FAILED_REVISION = "stackpilot.io/failed-revision";

  /** On a restored claim: the claim it replaced. */
  public static final String REPLACES = "stackpilot.io/replaces";

  /** On a migrated claim: the restored claim that replaced it. */
  public static final String REPLACED_BY = "stackpilot.io/replaced-by";

  public static final String SNAPSHOT_API_VERSION = "snapshot.storage.k8s.io/v1";
  public static final String SNAPSHOT_GROUP = "snapshot.storage.k8s.io";

  private DataSafetyLabels() {}
}
