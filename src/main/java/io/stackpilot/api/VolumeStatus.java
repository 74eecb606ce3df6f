package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** Which claim holds which data for one storage item, after data-safety actions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VolumeStatus {

  @JsonPropertyDescription("The storage item (spec.storage[].name).")
  private String name;

  @JsonPropertyDescription("The claim the service mounts now.")
  private String claim;

  @JsonPropertyDescription(
      "The VolumeSnapshot that claim was restored from, when a rollback restored the data.")
  private String restoredFrom;

  @JsonPropertyDescription(
      "The claim that holds the data as the failed revision left it (migrated); kept for you to inspect or delete.")
  private String migratedClaim;

  @JsonPropertyDescription("The revision whose failed upgrade led to the restore.")
  private String failedRevision;

  @JsonPropertyDescription(
      "Whether upgrades of this volume wait for a snapshot, and why: set by the spec, or chosen from the cluster's default VolumeSnapshotClass for the claim's driver.")
  private String snapshotsBeforeUpgrade;

  @JsonPropertyDescription("The VolumeSnapshotClass of its pre-upgrade snapshots.")
  private String volumeSnapshotClass;

  public String getSnapshotsBeforeUpgrade() {
    return snapshotsBeforeUpgrade;
  }

  public void setSnapshotsBeforeUpgrade(String snapshotsBeforeUpgrade) {
    this.snapshotsBeforeUpgrade = snapshotsBeforeUpgrade;
  }

  public String getVolumeSnapshotClass() {
    return volumeSnapshotClass;
  }

  public void setVolumeSnapshotClass(String volumeSnapshotClass) {
    this.volumeSnapshotClass = volumeSnapshotClass;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getClaim() {
    return claim;
  }

  public void setClaim(String claim) {
    this.claim = claim;
  }

  public String getRestoredFrom() {
    return restoredFrom;
  }

  public void setRestoredFrom(String restoredFrom) {
    this.restoredFrom = restoredFrom;
  }

  public String getMigratedClaim() {
    return migratedClaim;
  }

  public void setMigratedClaim(String migratedClaim) {
    this.migratedClaim = migratedClaim;
  }

  public String getFailedRevision() {
    return failedRevision;
  }

  public void setFailedRevision(String failedRevision) {
    this.failedRevision = failedRevision;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VolumeStatus other
        && Objects.equals(name, other.name)
        && Objects.equals(claim, other.claim)
        && Objects.equals(restoredFrom, other.restoredFrom)
        && Objects.equals(migratedClaim, other.migratedClaim)
        && Objects.equals(failedRevision, other.failedRevision)
        && Objects.equals(snapshotsBeforeUpgrade, other.snapshotsBeforeUpgrade)
        && Objects.equals(volumeSnapshotClass, other.volumeSnapshotClass);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        name,
        claim,
        restoredFrom,
        migratedClaim,
        failedRevision,
        snapshotsBeforeUpgrade,
        volumeSnapshotClass);
  }
}
