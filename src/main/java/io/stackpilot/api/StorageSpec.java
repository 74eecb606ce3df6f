package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/**
 * A persistent volume of the service. Stackpilot creates the claim (unless existingClaim is set)
 * and never deletes it unless reclaim is Delete.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.size) != (has(self.existingClaim) && self.existingClaim != '')",
    message =
        "storage needs exactly one of size (a new claim) or existingClaim (a claim you own): set size, or remove it when existingClaim is set",
    reason = "FieldValueInvalid")
@ValidationRule(
    value =
        "!has(self.existingClaim) || self.existingClaim == '' || !has(self.reclaim) || self.reclaim == 'Retain'",
    message =
        "reclaim: Delete is only for claims Stackpilot creates; a claim named by existingClaim is yours and is never deleted",
    fieldPath = ".reclaim")
@ValidationRule(
    value =
        "!has(self.restoreOnRollback) || !self.restoreOnRollback || !has(self.snapshotBeforeUpgrade) || self.snapshotBeforeUpgrade",
    message =
        "restoreOnRollback restores the snapshot taken before the upgrade, so it cannot go with snapshotBeforeUpgrade: false; remove snapshotBeforeUpgrade or set it to true",
    fieldPath = ".restoreOnRollback")
@ValidationRule(
    value =
        "!has(self.restoreOnRollback) || !self.restoreOnRollback || !has(self.existingClaim) || self.existingClaim == ''",
    message =
        "restoreOnRollback replaces the claim with a restored one, which Stackpilot does only for claims it creates; a claim named by existingClaim is yours: remove restoreOnRollback (snapshotBeforeUpgrade alone still protects it)",
    fieldPath = ".restoreOnRollback")
public class StorageSpec {

  @JsonPropertyDescription(
      "Volume name, unique within the service; the claim is named <service>-<name>.")
  @Required
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @Size(max = 20)
  private String name;

  @JsonPropertyDescription("Absolute path where the volume is mounted in the container.")
  @Required
  @Pattern("^/[^\\x00]*$")
  @Size(max = 255)
  private String mountPath;

  @JsonPropertyDescription(
      "Requested size, a Kubernetes quantity such as 2Gi. Required unless existingClaim is set.")
  @Pattern(QuantitySyntax.SIZE)
  @Size(max = 32)
  private String size;

  @JsonPropertyDescription(
      "StorageClass of the claim; defaults to the stack default, else the cluster default.")
  @Size(max = 253)
  private String storageClassName;

  @JsonPropertyDescription(
      "Use this claim, owned by the user, instead of creating one (e.g. a shared media library).")
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
  @Size(max = 253)
  private String existingClaim;

  @JsonPropertyDescription(
      "Access mode of a created claim: ReadWriteOnce (default) or ReadWriteMany. ReadWriteOnce makes upgrades stop the old pod before starting the new one.")
  @Default(SchemaDefaults.ACCESS_MODE)
  private VolumeAccessMode accessMode;

  @JsonPropertyDescription("Mount the volume read-only.")
  @Default("false")
  private Boolean readOnly;

  @JsonPropertyDescription(
      "Retain (default) keeps the claim when the service is deleted; Delete deletes it with the service.")
  @Default(SchemaDefaults.RECLAIM)
  private ReclaimPolicy reclaim;

  @JsonPropertyDescription(
      "Take a CSI VolumeSnapshot of the claim before every upgrade that changes the image, and start the new revision only once it is readyToUse. A single-replica service is stopped first so the snapshot is consistent. Unset: on when the cluster marks a VolumeSnapshotClass the default for the claim's CSI driver (status.volumes says which); false turns it off; true insists.")
  private Boolean snapshotBeforeUpgrade;

  @JsonPropertyDescription(
      "VolumeSnapshotClass of the pre-upgrade snapshots; defaults to the stack's volumeSnapshotClassName, else the cluster's default class for the claim's driver.")
  @Size(max = 253)
  private String volumeSnapshotClassName;

  @JsonPropertyDescription(
      "When an upgrade fails and is rolled back, also roll the data back: the service gets a new claim restored from the pre-upgrade snapshot, and the claim the failed revision migrated is kept (labelled stackpilot.io/data=migrated) for you to inspect or delete. Needs the pre-upgrade snapshot: snapshotBeforeUpgrade true or chosen by default.")
  @Default("false")
  private Boolean restoreOnRollback;

  @JsonPropertyDescription(
      "How many pre-upgrade snapshots Stackpilot keeps per claim; older ones it made are deleted. Snapshots it did not make are never deleted.")
  @Default(SchemaDefaults.SNAPSHOTS_TO_KEEP)
  @Min(1)
  @Max(50)
  private Integer snapshotsToKeep;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getMountPath() {
    return mountPath;
  }

  public void setMountPath(String mountPath) {
    this.mountPath = mountPath;
  }

  public String getSize() {
    return size;
  }

  public void setSize(String size) {
    this.size = size;
  }

  public String getStorageClassName() {
    return storageClassName;
  }

  public void setStorageClassName(String storageClassName) {
    this.storageClassName = storageClassName;
  }

  public String getExistingClaim() {
    return existingClaim;
  }

  public void setExistingClaim(String existingClaim) {
    this.existingClaim = existingClaim;
  }

  public VolumeAccessMode getAccessMode() {
    return accessMode;
  }

  public void setAccessMode(VolumeAccessMode accessMode) {
    this.accessMode = accessMode;
  }

  public Boolean getReadOnly() {
    return readOnly;
  }

  public void setReadOnly(Boolean readOnly) {
    this.readOnly = readOnly;
  }

  public ReclaimPolicy getReclaim() {
    return reclaim;
  }

  public void setReclaim(ReclaimPolicy reclaim) {
    this.reclaim = reclaim;
  }

  public Boolean getSnapshotBeforeUpgrade() {
    return snapshotBeforeUpgrade;
  }

  public void setSnapshotBeforeUpgrade(Boolean snapshotBeforeUpgrade) {
    this.snapshotBeforeUpgrade = snapshotBeforeUpgrade;
  }

  public String getVolumeSnapshotClassName() {
    return volumeSnapshotClassName;
  }

  public void setVolumeSnapshotClassName(String volumeSnapshotClassName) {
    this.volumeSnapshotClassName = volumeSnapshotClassName;
  }

  public Boolean getRestoreOnRollback() {
    return restoreOnRollback;
  }

  public void setRestoreOnRollback(Boolean restoreOnRollback) {
    this.restoreOnRollback = restoreOnRollback;
  }

  public Integer getSnapshotsToKeep() {
    return snapshotsToKeep;
  }

  public void setSnapshotsToKeep(Integer snapshotsToKeep) {
    this.snapshotsToKeep = snapshotsToKeep;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StorageSpec other
        && Objects.equals(name, other.name)
        && Objects.equals(mountPath, other.mountPath)
        && Objects.equals(size, other.size)
        && Objects.equals(storageClassName, other.storageClassName)
        && Objects.equals(existingClaim, other.existingClaim)
        && Objects.equals(accessMode, other.accessMode)
        && Objects.equals(readOnly, other.readOnly)
        && Objects.equals(reclaim, other.reclaim)
        && Objects.equals(snapshotBeforeUpgrade, other.snapshotBeforeUpgrade)
        && Objects.equals(volumeSnapshotClassName, other.volumeSnapshotClassName)
        && Objects.equals(restoreOnRollback, other.restoreOnRollback)
        && Objects.equals(snapshotsToKeep, other.snapshotsToKeep);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        name,
        mountPath,
        size,
        storageClassName,
        existingClaim,
        accessMode,
        readOnly,
        reclaim,
        snapshotBeforeUpgrade,
        volumeSnapshotClassName,
        restoreOnRollback,
        snapshotsToKeep);
  }
}
