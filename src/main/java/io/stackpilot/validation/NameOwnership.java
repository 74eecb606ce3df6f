package io.stackpilot.validation;

import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.List;
import java.util.Optional;

/**
 * Whether an object a service renders under its own name already belongs to another controller: a
 * service of another kind with the same name that got there first, or the one this service
 * replaced, whose objects the garbage collector has not removed yet. Server-side apply by the same
 * field manager would silently move the object to the new owner, so the service waits instead and
 * says why.
 */
public final class NameOwnership {

  private NameOwnership() {}

  /**
   * @param objectKind the kind of the rendered object, such as Deployment
   * @param serviceUid the uid of the service about to write it
   * @param liveOwners the owner references of the object in the cluster; empty when it does not
   *     exist
   */
  public static Optional<Finding> check(
      String objectKind, String objectName, String serviceUid, List<OwnerReference> liveOwners) {
    return liveOwners.stream()
        .filter(owner -> Boolean.TRUE.equals(owner.getController()))
        .filter(owner -> !owner.getUid().equals(serviceUid))
        .findFirst()
        .map(
            owner ->
                new Finding(
                    "metadata.name",
                    "metadata.name is taken: "
                        + objectKind
                        + " "
                        + objectName
                        + " belongs to "
                        + owner.getKind()
                        + " "
                        + owner.getName()
                        + " (uid "
                        + owner.getUid()
                        + ")"
                        + ", so this service does not take it over; rename one of them, or, if that one was just deleted,"
                        + " wait until Kubernetes has removed what it owned and this service rolls out by itself"));
  }
}
