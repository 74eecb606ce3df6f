package io.stackpilot.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.ServiceKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DependencyCyclesTest {

  private static final ServiceRef A = new ServiceRef(ServiceKind.MEDIA_SERVICE, "a");
  private static final ServiceRef B = new ServiceRef(ServiceKind.MEDIA_SERVICE, "b");
  private static final ServiceRef C = new ServiceRef(ServiceKind.SECURITY_SERVICE, "c");
  private static final ServiceRef D = new ServiceRef(ServiceKind.MONITORING_SERVICE, "d");
  private static final ServiceRef E = new ServiceRef(ServiceKind.MEDIA_SERVICE, "e");

  @Test
  void twoServicesThatDependOnEachOtherFormACycle() {
    var graph = Map.of(A, List.of(B), B, List.of(A));

    assertThat(DependencyCycles.through(A, B, graph)).contains(List.of(A, B, A));
  }

  @Test
  void aLongerCycleIsNamedInOrder() {
    var graph = Map.of(A, List.of(B), B, List.of(C), C, List.of(D), D, List.of(A));

    assertThat(DependencyCycles.through(A, B, graph)).contains(List.of(A, B, C, D, A));
  }

  @Test
  void aChainWithoutWayBackIsNoCycle() {
    var graph = Map.of(A, List.of(B), B, List.of(C), C, List.<ServiceRef>of());

    assertThat(DependencyCycles.through(A, B, graph)).isEmpty();
  }

  @Test
  void aDiamondIsNoCycle() {
    // a -> b -> d and a -> c -> d: d is reached twice, but nothing leads back to a.
    var graph = Map.of(A, List.of(B, C), B, List.of(D), C, List.of(D), D, List.<ServiceRef>of());

    assertThat(DependencyCycles.through(A, B, graph)).isEmpty();
    assertThat(DependencyCycles.through(A, C, graph)).isEmpty();
  }

  @Test
  void aCycleElsewhereIsNotACycleThroughThisService() {
    // a depends on b, and b and c depend on each other: a waits, but a is not in their cycle.
    var graph = Map.of(A, List.of(B), B, List.of(C), C, List.of(B));

    assertThat(DependencyCycles.through(A, B, graph)).isEmpty();
  }

  @Test
  void theShortestWayBackIsTheCycleNamed() {
    // b leads back to a directly and through c, d.
    var graph = Map.of(A, List.of(B), B, List.of(C, A), C, List.of(D), D, List.of(A));

    assertThat(DependencyCycles.through(A, B, graph)).contains(List.of(A, B, A));
  }

  @Test
  void aCycleBehindADiamondIsFound() {
    var graph =
        Map.of(A, List.of(B), B, List.of(C, D), C, List.of(E), D, List.of(E), E, List.of(A));

    assertThat(DependencyCycles.through(A, B, graph)).contains(List.of(A, B, C, E, A));
  }

  @Test
  void aServiceMissingFromTheGraphEndsThePath() {
    var graph = Map.of(A, List.of(B));

    assertThat(DependencyCycles.through(A, B, graph)).isEmpty();
  }
}
