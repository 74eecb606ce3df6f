package io.stackpilot.datasafety;

import io.stackpilot.datasafety.SnapshotGate.PlannedSnapshot;
import io.stackpilot.datasafety.SnapshotGate.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides the snapshots an upgrade waits for. Pure: the snapshots that exist and the clock are
 * inputs.
 *
 * <p>Each protected claim gets one snapshot per revision it is upgraded to, named after both, so a
 * restarted operator finds the snapshot it already asked for instead of taking another. A service
 * whose pods must stop first (one replica on a single-writer volume) is stopped before any snapshot
 * is taken, so the snapshot never holds a half-written database. A snapshot that fails or is not
 * ready within the timeout blocks the upgrade and the stopped pods start again on the old revision:
 * a broken snapshotter costs the upgrade, never the running service. A snapshot that never became
 * ready and was asked of a class the spec no longer names is replaced: changing the class is how a
 * user fixes a wrong one.
 */
public final class PreUpgradeSnapshots {

  /** How often to look at pending snapshots: their readiness comes from another controller. */
  static final Duration POLL = Duration.ofSeconds(2);

  private PreUpgradeSnapshots() {}

  /**
   * @param service the service's name, for messages
   * @param revision the revision about to be rolled out
   * @param volumes the volumes to snapshot first
   * @param stopFirst whether the running pods must be stopped before the snapshot
   * @param runningPods how many pods of the service exist now
   * @param existing the service's snapshots
   * @param timeout how long a snapshot may take to become ready
   */
  public static SnapshotGate decide(
      String service,
      String revision,
      List<ProtectedVolume> volumes,
      boolean stopFirst,
      int runningPods,
      List<SnapshotObservation> existing,
      Duration timeout,
      Instant now) {
    List<PlannedSnapshot> missing = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    List<String> deleting = new ArrayList<>();
    Optional<Instant> earliestTimeout = Optional.empty();
    for (ProtectedVolume volume : volumes) {
      String name = SnapshotNames.beforeUpgrade(volume.claim(), revision);
      Optional<SnapshotObservation> snapshot =
          existing.stream().filter(s -> s.name().equals(name)).findFirst();
      if (snapshot.isEmpty()) {
        missing.add(
            new PlannedSnapshot(
                name,
                volume.claim(),
                volume.storage(),
                revision,
                volume.snapshotClass().orElse("")));
        continue;
      }
      SnapshotObservation seen = snapshot.get();
      if (seen.deletedAt().isPresent()) {
        // Replaced: taken again once it is gone, which its driver's snapshotter decides.
        Instant deadline = seen.deletedAt().get().plus(timeout);
        if (!now.isBefore(deadline)) {
          return blocked(
              service,
              revision,
              "VolumeSnapshot "
                  + name
                  + " was deleted "
                  + timeout.toSeconds()
                  + " s ago to be taken again and is still there: its finalizers wait for the"
                  + " snapshotter of its class"
                  + seen.snapshotClass().map(c -> " " + c).orElse("")
                  + ". Bring that driver back, or remove the finalizers of the VolumeSnapshot and"
                  + " its VolumeSnapshotContent by hand",
              name);
        }
        deleting.add(name);
        earliestTimeout = earlier(earliestTimeout, deadline);
        continue;
      }
      if (!seen.readyToUse() && seen.managed() && classChanged(seen, volume)) {
        stale.add(name);
        continue;
      }
      if (seen.error().isPresent()) {
        return blocked(
            service,
            revision,
            "VolumeSnapshot "
                + name
                + " of claim "
                + volume.claim()
                + " failed: "
                + seen.error().get(),
            name);
      }
      if (seen.readyToUse()) {
        continue;
      }
      Instant deadline = seen.createdAt().plus(timeout);
      if (!now.isBefore(deadline)) {
        return blocked(
            service,
            revision,
            "VolumeSnapshot "
                + name
                + " of claim "
                + volume.claim()
                + " is not readyToUse after "
                + timeout.toSeconds()
                + " s",
            name);
      }
      pending.add(name);
      earliestTimeout = earlier(earliestTimeout, deadline);
    }
    if (!stale.isEmpty()) {
      return new SnapshotGate(
          Step.WAIT,
          List.of(),
          "Replacing VolumeSnapshot "
              + String.join(", ", stale)
              + ": it was asked of a VolumeSnapshotClass the spec no longer names, and is not ready",
          Optional.of(now.plus(POLL)),
          List.copyOf(stale));
    }
    if (!deleting.isEmpty()) {
      return new SnapshotGate(
          Step.WAIT,
          List.of(),
          "Waiting for VolumeSnapshot "
              + String.join(", ", deleting)
              + " to be deleted before it is taken again; its driver's snapshotter removes it (if"
              + " that driver is gone, remove the finalizers of the VolumeSnapshot and its"
              + " VolumeSnapshotContent)",
          Optional.of(wakeAt(now, earliestTimeout)));
    }
    if (missing.isEmpty() && pending.isEmpty()) {
      return new SnapshotGate(
          Step.OPEN,
          List.of(),
          "Pre-upgrade snapshots of revision " + revision + " are ready",
          Optional.empty());
    }
    if (!missing.isEmpty() && stopFirst && runningPods > 0) {
      return new SnapshotGate(
          Step.STOP_RUNNING_PODS,
          List.of(),
          "Stopping "
              + service
              + " so that the snapshot before revision "
              + revision
              + " is consistent ("
              + runningPods
              + " pod(s) left)",
          Optional.of(now.plus(POLL)));
    }
    List<String> waitingFor = new ArrayList<>(pending);
    missing.forEach(m -> waitingFor.add(m.name()));
    return new SnapshotGate(
        Step.WAIT,
        List.copyOf(missing),
        "Waiting for VolumeSnapshot "
            + String.join(", ", waitingFor)
            + " to be readyToUse before starting revision "
            + revision,
        Optional.of(wakeAt(now, earliestTimeout)));
  }

  private static Optional<Instant> earlier(Optional<Instant> known, Instant deadline) {
    return known.filter(t -> t.isBefore(deadline)).or(() -> Optional.of(deadline));
  }

  /** The next poll, or the first deadline when it comes sooner. */
  private static Instant wakeAt(Instant now, Optional<Instant> earliestTimeout) {
    Instant poll = now.plus(POLL);
    return earliestTimeout.filter(t -> t.isBefore(poll)).orElse(poll);
  }

  private static boolean classChanged(SnapshotObservation seen, ProtectedVolume volume) {
    return seen.snapshotClass().isPresent()
        && volume.snapshotClass().isPresent()
        && !seen.snapshotClass().equals(volume.snapshotClass());
  }

  private static SnapshotGate blocked(
      String service, String revision, String problem, String snapshot) {
    return new SnapshotGate(
        Step.BLOCKED,
        List.of(),
        problem
            + "; revision "
            + revision
            + " of "
            + service
            + " is not started and the running revision keeps running. Fix the snapshot class or CSI driver, then"
            + " delete VolumeSnapshot "
            + snapshot
            + " to try again, or change the spec",
        Optional.empty());
  }
}
