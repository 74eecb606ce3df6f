package io.stackpilot.bench;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 3: one change among many. The image of one service changes, K times over different
 * services, one at a time; each is timed from the patch's response to the watch event in which its
 * Deployment's pod template carries the new image.
 */
final class OneChangeBench {

  private final KubernetesClient admin;
  private final Watchers watchers;
  private final BenchOptions options;
  private final Results results;

  OneChangeBench(KubernetesClient admin, Watchers watchers, BenchOptions options, Results results) {
    this.admin = admin;
    this.watchers = watchers;
    this.options = options;
    this.results = results;
  }

  void run(Fleet fleet) throws Exception {
    int n = fleet.size();
    int k = Math.min(options.changesAt(n), n);
    if (k == 0) {
      return;
    }
    List<Double> latencies = new ArrayList<>();
    int early = 0;
    for (int c = 0; c < k; c++) {
      int index = (int) ((long) c * n / k);
      String ns = fleet.namespaceOf(index);
      String image = "registry.example/bench/app:1.1." + c;
      CompletableFuture<Long> seen = watchers.awaitImage(ns, image);
      admin
          .resources(Fleet.kindOf(index))
          .inNamespace(ns)
          .withName(Fleet.nameOf(index))
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"spec\":{\"channels\":{\"stable\":{\"image\":\"" + image + "\"}}}}");
      long accepted = System.nanoTime();
      long changed = seen.get(options.timeout().toSeconds(), TimeUnit.SECONDS);
      if (changed < accepted) {
        early++;
      }
      latencies.add(Math.max(0, changed - accepted) / 1e6);
      // One change at a time, as a user makes them: the next waits until this one is live and
      // Ready.
      String name = Fleet.nameOf(index);
      await("change " + c + " live and Ready")
          .atMost(options.timeout())
          .pollInterval(Duration.ofMillis(20))
          .until(
              () ->
                  watchers
                      .service(ns, name)
                      .filter(s -> image.equals(s.image()) && "Healthy".equals(s.phase()))
                      .isPresent());
    }
    Stats s = new Stats(latencies);
    results.add(
        "one change",
        n,
        "patch accepted to Deployment template changed, p50 (" + k + " changes)",
        s.median(),
        "ms",
        "p50 < 100 ms at N=1000",
        s.median() < 100 ? "yes at this N" : "no at this N");
    results.add(
        "one change",
        n,
        "same, p99 (nearest rank: value " + Stats.rank(99, k) + " of " + k + " sorted)",
        s.percentile(99),
        "ms",
        "p99 < 500 ms at N=1000",
        s.percentile(99) < 500 ? "yes at this N" : "no at this N");
    results.add("one change", n, "same, max", s.max(), "ms");
    if (early > 0) {
      results.add(
          "one change",
          n,
          "changes whose watch event came before the patch response (counted as 0 ms)",
          early,
          "changes");
    }
  }
}
