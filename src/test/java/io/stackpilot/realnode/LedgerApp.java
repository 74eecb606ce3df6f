package io.stackpilot.realnode;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.devcluster.node.RealNode;
import io.stackpilot.devcluster.node.RealStorage;
import io.stackpilot.testing.TestCluster;
import java.util.List;

/**
 * Requests to the ledger (scripts/images/ledger) through its Service, from a pod on the real node,
 * as another app of the namespace makes them.
 */
final class LedgerApp {

  private LedgerApp() {}

  /**
   * The ledger of stack home on the real node's provisioner: its data on a retained claim
   * (ledger-data) and its cache on one that goes with it (ledger-cache, reclaim Delete).
   */
  static String onRetainedAndDeletedClaims() {
    return """
        apiVersion: stackpilot.io/v1alpha1
        kind: MediaService
        metadata:
          name: ledger
        spec:
          stack: home
          channels:
            stable: {image: "stackpilot.test/ledger:v1"}
          ports: [{name: http, port: 8080}]
          storage:
            - {name: data, mountPath: /data, size: 64Mi, storageClassName: %s}
            - {name: cache, mountPath: /cache, size: 16Mi, storageClassName: %s, reclaim: Delete}
          health:
            http: {path: /cgi-bin/health, port: http}
            initialDelaySeconds: 1
            periodSeconds: 1
          nodeSelector: {%s: real}
          tolerations: [{key: %s, operator: Exists, effect: NoSchedule}]
        """
        .formatted(
            RealStorage.STORAGE_CLASS, RealStorage.STORAGE_CLASS, RealNode.LABEL, RealNode.TAINT);
  }

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
