package io.stackpilot.wiring;

import io.stackpilot.api.Dependency;
import io.stackpilot.validation.ServiceRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Holds a new revision of a service back until every service in its dependsOn is Ready, so that,
 * for example, an app does not start before the proxy that guards it or the indexer it talks to.
 *
 * <p>The gate only ever holds <em>new</em> revisions. Whatever already runs keeps running: a
 * dependency that turns unhealthy later never takes a dependent down, never blocks its restarts and
 * never blocks a rollback to its last healthy revision, since none of those is a new revision.
 * Taking dependents down with a dependency would turn one failure into many.
 */
public final class DependencyGate {

  private DependencyGate() {}

  /**
   * @param dependsOn the service's effective dependsOn (absent reads as none); a dependency listed
   *     twice is waited for once
   * @param states what is known of the services in the namespace; a dependency without an entry is
   *     missing
   */
  public static DependencyGateResult evaluate(
      List<Dependency> dependsOn, Map<ServiceRef, DependencyState> states) {
    return new DependencyGateResult(
        Optional.ofNullable(dependsOn).orElse(List.of()).stream()
            .map(ServiceRef::of)
            .distinct()
            .map(dependency -> states.getOrDefault(dependency, DependencyState.missing(dependency)))
            .filter(state -> !state.ready())
            .toList());
  }
}
