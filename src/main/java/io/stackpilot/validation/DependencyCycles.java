package io.stackpilot.validation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds dependsOn cycles through one service. Services in a cycle wait for each other to be Ready
 * and never roll out, so each dependency that leads back to the service is reported with the cycle.
 */
final class DependencyCycles {

  private DependencyCycles() {}

  /**
   * The shortest cycle that leaves {@code service} through its dependency {@code firstStep} and
   * comes back, as the list of services along it starting and ending with {@code service}; empty if
   * {@code firstStep} does not lead back. Breadth-first, so a diamond (two paths to one service) is
   * not mistaken for a cycle and the cycle named is the shortest one.
   *
   * @param graph each service with the services it depends on
   */
  static Optional<List<ServiceRef>> through(
      ServiceRef service, ServiceRef firstStep, Map<ServiceRef, List<ServiceRef>> graph) {
    Map<ServiceRef, ServiceRef> reachedFrom = new HashMap<>();
    reachedFrom.put(firstStep, service);
    Deque<ServiceRef> frontier = new ArrayDeque<>(List.of(firstStep));
    while (!frontier.isEmpty()) {
      ServiceRef current = frontier.removeFirst();
      if (current.equals(service)) {
        return Optional.of(pathBack(service, reachedFrom));
      }
      for (ServiceRef next : graph.getOrDefault(current, List.of())) {
        if (!reachedFrom.containsKey(next)) {
          reachedFrom.put(next, current);
          frontier.addLast(next);
        }
      }
    }
    return Optional.empty();
  }

  private static List<ServiceRef> pathBack(
      ServiceRef service, Map<ServiceRef, ServiceRef> reachedFrom) {
    List<ServiceRef> path = new ArrayList<>(List.of(service));
    ServiceRef step = reachedFrom.get(service);
    while (!step.equals(service)) {
      path.add(step);
      step = reachedFrom.get(step);
    }
    path.add(service);
    Collections.reverse(path);
    return path;
  }
}
