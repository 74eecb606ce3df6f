package io.stackpilot.realnode;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.testing.TestCluster;
import java.util.List;

/**
 * Requests to the ledger (scripts/images/ledger) through its Service, from a pod on the real node,
 * as another app of the namespace makes them.
 */
final class LedgerApp {

  private LedgerApp() {}

  /** The body of a GET of the path (e.g. /cgi-bin/info) from the Service named ledger. */
  static String get(TestCluster cluster, String path) {
    return RealNodeServices.request(
        cluster, "http://ledger." + cluster.namespace() + ".svc.cluster.local:8080" + path);
  }

  /** Appends an entry to the ledger's data. */
  static void add(TestCluster cluster, String entry) {
    assertThat(get(cluster, "/cgi-bin/add?" + entry)).contains("added " + entry);
  }

  /** What runs and what its data holds, one key=value a line. */
  static String info(TestCluster cluster) {
    return get(cluster, "/cgi-bin/info");
  }

  /** The app's own record of each start and stop on its volume, oldest first. */
  static List<String> writers(String info) {
    return info.lines()
        .filter(l -> l.startsWith("writer="))
        .map(l -> l.substring("writer=".length()))
        .toList();
  }
}
