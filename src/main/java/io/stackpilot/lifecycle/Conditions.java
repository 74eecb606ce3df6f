package io.stackpilot.lifecycle;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds a list of conditions that keeps each condition's lastTransitionTime while its status stays
 * the same, so an unchanged state renders an identical status and costs no write.
 */
public final class Conditions {

  private final List<Condition> previous;
  private final long observedGeneration;
  private final Instant now;
  private final List<Condition> result = new ArrayList<>();

  public Conditions(List<Condition> previous, long observedGeneration, Instant now) {
    this.previous = previous == null ? List.of() : previous;
    this.observedGeneration = observedGeneration;
    this.now = now;
  }

  public Conditions set(ConditionType type, boolean status, String reason, String message) {
    String value = status ? "True" : "False";
    String since =
        find(previous, type.type())
            .filter(old -> value.equals(old.getStatus()))
            .map(Condition::getLastTransitionTime)
            .orElse(now.toString());
    result.add(
        new ConditionBuilder()
            .withType(type.type())
            .withStatus(value)
            .withReason(reason)
            .withMessage(message)
            .withObservedGeneration(observedGeneration)
            .withLastTransitionTime(since)
            .build());
    return this;
  }

  /** Keeps a condition as it is, observed generation and all: nothing new was learnt of it. */
  public Conditions keep(Condition condition) {
    result.add(condition);
    return this;
  }

  public List<Condition> build() {
    return List.copyOf(result);
  }

  public static Optional<Condition> find(List<Condition> conditions, String type) {
    if (conditions == null) {
      return Optional.empty();
    }
    return conditions.stream().filter(c -> Objects.equals(c.getType(), type)).findFirst();
  }

  /** The same conditions with one set anew, keeping its transition time if its status stays. */
  public static List<Condition> replaced(
      List<Condition> conditions,
      ConditionType type,
      boolean status,
      String reason,
      String message,
      long observedGeneration,
      Instant now) {
    Conditions next = new Conditions(conditions, observedGeneration, now);
    for (Condition condition : conditions) {
      if (type.type().equals(condition.getType())) {
        next.set(type, status, reason, message);
      } else {
        next.result.add(condition);
      }
    }
    return next.build();
  }

  public static boolean isTrue(List<Condition> conditions, ConditionType type) {
    return find(conditions, type.type()).map(c -> "True".equals(c.getStatus())).orElse(false);
  }
}
