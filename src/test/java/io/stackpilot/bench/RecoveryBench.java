package io.stackpilot.bench;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Scenario 5, time to recover: R services, a wave of W at a time, are upgraded to an image that
 * crashes (KWOK crashes any image ending in -crashloop). Each is timed from the moment the failure
 * is visible in the cluster (the harness's pod watch first sees a container of the new image
 * terminated or backing off) to the rollback write (the watch event in which the Deployment's pod
 * template is on the old image again), and to Ready again (that Deployment available on the old
 * image). Stackpilot waits recovery.failureWindow (the fleet's spec sets it short) from its own
 * first sight of the failure before it decides; the time beyond the window is what it controls:
 * seeing the failure, waking up at the window's end, deciding and writing.
 */
final class RecoveryBench {

  private record Upgrade(
      String namespace, String name, String oldImage, String badImage, long patchedAt) {}

  private record Outcome(double visibleMs, double rollbackMs, double readyMs) {}

  private final KubernetesClient admin;
  private final Watchers watchers;
  private final BenchOptions options;
  private final Results results;

  RecoveryBench(KubernetesClient admin, Watchers watchers, BenchOptions options, Results results) {
    this.admin = admin;
    this.watchers = watchers;
    this.options = options;
    this.results = results;
  }

  void run(Fleet fleet) {
    int n = fleet.size();
    int r = Math.min(options.recoveries(), n);
    if (r == 0) {
      return;
    }
    List<Outcome> outcomes = new ArrayList<>();
    for (int first = 0; first < r; first += options.recoveryWave()) {
      List<Upgrade> wave = new ArrayList<>();
      for (int c = first; c < Math.min(r, first + options.recoveryWave()); c++) {
        // Offset by one from the one-change scenario's services, so each fails from a plain Healthy
        // state.
        int index = (int) ((long) c * n / r + 1) % n;
        wave.add(upgrade(fleet, index, c));
      }
      for (Upgrade u : wave) {
        outcomes.add(
            await("rollback of " + u.namespace() + "/" + u.name())
                .atMost(options.timeout())
                .pollInterval(Duration.ofMillis(50))
                .until(() -> outcome(u), Optional::isPresent)
                .get());
      }
    }
    double window = options.failureWindow().toMillis();
    Stats visible = new Stats(outcomes.stream().map(Outcome::visibleMs).toList());
    Stats raw = new Stats(outcomes.stream().map(Outcome::rollbackMs).toList());
    Stats decision = new Stats(outcomes.stream().map(o -> o.rollbackMs() - window).toList());
    Stats ready = new Stats(outcomes.stream().map(Outcome::readyMs).toList());
    String setup =
        String.format(
            Locale.ROOT,
            "%d upgrades to a crashing image, %d at a time, failureWindow %d ms",
            r,
            options.recoveryWave(),
            (long) window);
    results.add(
        "time to recover",
        n,
        "patch to failure visible (KWOK's crash), median (" + setup + ")",
        visible.median(),
        "ms");
    addPercentiles(n, "failure visible to rollback written, raw", raw, "", "");
    addPercentiles(
        n,
        "same minus the failureWindow: Stackpilot's decision latency",
        decision,
        "rollback decision < 1 s p99",
        decision.percentile(99) < 1000 ? "yes at this N" : "no at this N");
    addPercentiles(
        n, "failure visible to Ready again (Deployment available on the old image)", ready, "", "");
  }

  private void addPercentiles(int n, String what, Stats s, String target, String met) {
    results.add("time to recover", n, what + ", p50", s.median(), "ms");
    results.add(
        "time to recover",
        n,
        what + ", p99 (nearest rank: value " + Stats.rank(99, s.count()) + " of " + s.count() + ")",
        s.percentile(99),
        "ms",
        target,
        met);
    results.add("time to recover", n, what + ", max", s.max(), "ms");
  }

  private Upgrade upgrade(Fleet fleet, int index, int c) {
    String ns = fleet.namespaceOf(index);
    String name = Fleet.nameOf(index);
    String oldImage =
        watchers
            .service(ns, name)
            .map(Watchers.ServiceState::image)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        ns + "/" + name + " has no live image to fall back to"));
    String badImage = "registry.example/bench/app:2.0." + c + "-crashloop";
    watchers.track(ns, name);
    admin
        .resources(Fleet.kindOf(index))
        .inNamespace(ns)
        .withName(name)
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"spec\":{\"channels\":{\"stable\":{\"image\":\"" + badImage + "\"}}}}");
    return new Upgrade(ns, name, oldImage, badImage, System.nanoTime());
  }

  /**
   * Once the bad image was seen crashing, the template went back to the old image after carrying
   * the bad one, and the Deployment was then available on the old image: the three times, else
   * empty.
   */
  private Optional<Outcome> outcome(Upgrade u) {
    Optional<Long> crash = watchers.firstCrash(u.namespace(), u.name(), u.badImage());
    if (crash.isEmpty()) {
      return Optional.empty();
    }
    boolean carriedBad = false;
    Long rollback = null;
    for (Watchers.DeploymentEvent e : watchers.deploymentEvents(u.namespace(), u.name())) {
      if (!carriedBad) {
        carriedBad = u.badImage().equals(e.image());
      } else if (rollback == null && u.oldImage().equals(e.image())) {
        rollback = e.nanos();
      }
      if (rollback != null && u.oldImage().equals(e.image()) && e.available()) {
        long visible = crash.get();
        return Optional.of(
            new Outcome(
                (visible - u.patchedAt()) / 1e6,
                (rollback - visible) / 1e6,
                (e.nanos() - visible) / 1e6));
      }
    }
    return Optional.empty();
  }
}
