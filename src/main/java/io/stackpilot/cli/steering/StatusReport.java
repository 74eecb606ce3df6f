package io.stackpilot.cli.steering;

import io.fabric8.kubernetes.api.model.Condition;
import io.stackpilot.api.HistoryEntry;
import io.stackpilot.api.QuarantinedRevision;
import io.stackpilot.api.RolloutStatus;
import io.stackpilot.api.ServiceStatus;
import io.stackpilot.api.VolumeStatus;
import java.util.List;
import java.util.Optional;

/** A service's status and history as text for a terminal. Pure. */
final class StatusReport {

  private StatusReport() {}

  static String status(String name, ServiceStatus status) {
    if (status == null || status.getPhase() == null) {
      return name + ": no status yet (is the operator running?)\n";
    }
    StringBuilder text = new StringBuilder();
    text.append(name)
        .append(": ")
        .append(status.getPhase())
        .append(", revision ")
        .append(status.getRevision())
        .append(" (")
        .append(status.getImage())
        .append("), ready ")
        .append(Optional.ofNullable(status.getReady()).orElse("-"))
        .append('\n');
    for (Condition condition : list(status.getConditions())) {
      text.append("  ")
          .append(condition.getType())
          .append('=')
          .append(condition.getStatus())
          .append(" (")
          .append(condition.getReason())
          .append("): ")
          .append(condition.getMessage())
          .append('\n');
    }
    RolloutStatus rollout = status.getRollout();
    if (rollout != null && rollout.getRevision() != null) {
      text.append("  rollout: ")
          .append(rollout.getChannel())
          .append(" revision ")
          .append(rollout.getRevision())
          .append(", stage ")
          .append(rollout.getStage())
          .append(" (")
          .append(rollout.getPercent())
          .append(" %), ")
          .append(rollout.getState())
          .append('\n');
    }
    for (QuarantinedRevision quarantined : list(status.getQuarantine())) {
      text.append("  quarantined: ")
          .append(quarantined.getRevision())
          .append(" (")
          .append(quarantined.getImage())
          .append("): ")
          .append(quarantined.getReason())
          .append('\n');
    }
    for (VolumeStatus volume : list(status.getVolumes())) {
      text.append("  volume ")
          .append(volume.getName())
          .append(": claim ")
          .append(volume.getClaim());
      if (volume.getSnapshotsBeforeUpgrade() != null) {
        text.append("; snapshots ").append(volume.getSnapshotsBeforeUpgrade());
      }
      text.append('\n');
    }
    return text.toString();
  }

  static String history(String name, ServiceStatus status) {
    List<HistoryEntry> history = status == null ? List.of() : list(status.getHistory());
    if (history.isEmpty()) {
      return name + ": no revision recorded yet\n";
    }
    StringBuilder text =
        new StringBuilder(
            String.format(
                "%-12s %-10s %-10s %-31s %s%n",
                "REVISION", "CHANNEL", "RESULT", "APPLIED", "IMAGE"));
    for (HistoryEntry entry : history) {
      text.append(
          String.format(
              "%-12s %-10s %-10s %-31s %s%n",
              entry.getRevision(),
              entry.getChannel(),
              entry.getResult(),
              entry.getAppliedAt(),
              entry.getImage()));
    }
    return text.toString();
  }

  private static <T> List<T> list(List<T> items) {
    return items == null ? List.of() : items;
  }
}
