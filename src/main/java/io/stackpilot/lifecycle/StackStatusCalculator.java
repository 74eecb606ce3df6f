package io.stackpilot.lifecycle;

import io.stackpilot.api.ServiceStackStatus;
import io.stackpilot.api.ServiceStatus;
import io.stackpilot.api.StackService;
import io.stackpilot.api.ValidationMessage;
import io.stackpilot.api.ValidationStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stack's status from its members': counts by phase, the degraded ones by name, kstatus
 * conditions.
 */
public final class StackStatusCalculator {

  private StackStatusCalculator() {}

  public static ServiceStackStatus compute(
      long generation,
      ValidationStatus validation,
      List<? extends StackService> members,
      ServiceStackStatus previous,
      Instant now) {
    Map<String, Integer> phases = new TreeMap<>();
    List<String> degraded = new ArrayList<>();
    int ready = 0;
    for (StackService member :
        members.stream()
            .sorted(
                Comparator.comparing((StackService m) -> m.getKind())
                    .thenComparing(m -> m.getMetadata().getName()))
            .toList()) {
      ServiceStatus status = member.getStatus();
      Phase phase = status == null ? Phase.PENDING : Phase.parse(status.getPhase());
      phases.merge(phase.value(), 1, Integer::sum);
      if (status != null && Conditions.isTrue(status.getConditions(), ConditionType.READY)) {
        ready++;
      }
      if (phase == Phase.DEGRADED || phase == Phase.ROLLED_BACK || phase == Phase.INVALID) {
        degraded.add(member.getKind() + "/" + member.getMetadata().getName());
      }
    }
    int total = members.size();
    boolean valid = validation.getErrors() == null || validation.getErrors().isEmpty();

    ServiceStackStatus status = new ServiceStackStatus();
    status.setObservedGeneration(generation);
    status.setServices(total);
    status.setReadyServices(ready);
    status.setReady(ready + "/" + total);
    // No members, no counts: an empty map, written over counts with server-side apply, comes out as
    // null, which the schema refuses, and the stack's status could then never change again.
    status.setPhases(phases.isEmpty() ? null : phases);
    status.setDegraded(degraded);
    status.setDegradedCount(degraded.size());

    Conditions conditions =
        new Conditions(previous == null ? null : previous.getConditions(), generation, now);
    if (valid) {
      conditions.set(ConditionType.CONFIG_VALID, true, "Valid", "The stack spec is valid");
    } else {
      ValidationMessage first = validation.getErrors().get(0);
      conditions.set(
          ConditionType.CONFIG_VALID,
          false,
          "InvalidSpec",
          first.getField() + ": " + first.getMessage());
    }
    boolean allReady = ready == total;
    conditions.set(
        ConditionType.READY,
        valid && allReady,
        allReady ? "AllMembersReady" : "MembersNotReady",
        ready
            + " of "
            + total
            + " services are Ready"
            + (degraded.isEmpty() ? "" : "; degraded: " + String.join(", ", degraded)));
    conditions.set(
        ConditionType.RECONCILING,
        !allReady && degraded.isEmpty(),
        allReady ? "Idle" : "MembersProgressing",
        allReady ? "Nothing to do" : (total - ready) + " service(s) not Ready yet");
    conditions.set(
        ConditionType.STALLED,
        !valid || !degraded.isEmpty(),
        valid ? (degraded.isEmpty() ? "Progressing" : "MembersDegraded") : "InvalidSpec",
        !valid
            ? "Fix the stack spec"
            : degraded.isEmpty()
                ? "Nothing blocks the stack"
                : "Degraded: " + String.join(", ", degraded));
    status.setConditions(conditions.build());
    return status;
  }
}
