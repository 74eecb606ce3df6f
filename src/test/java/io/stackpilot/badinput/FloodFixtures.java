package io.stackpilot.badinput;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.stackpilot.testing.TestCluster;
import java.util.Map;

/**
 * What the rich base specs refer to, created in the flood's namespace before the flood, so that an
 * unmutated rich spec is valid and a "missing reference" is missing because a mutation made it so:
 * the Secrets (with the keys the specs name), the claims, a ConfigMap, and the ServiceStack "home".
 */
final class FloodFixtures {

  private FloodFixtures() {}

  static void create(TestCluster cluster) {
    var client = cluster.client();
    String namespace = cluster.namespace();
    Map<String, Map<String, String>> secrets =
        Map.of(
            "sonarr", Map.of("api-key", "fixture"),
            "authelia", Map.of("session", "fixture"),
            "alerts",
                Map.of("url", "http://127.0.0.1:9/alerts", "slack", "http://127.0.0.1:9/slack"),
            "regcred", Map.of(".dockerconfigjson", "{\"auths\":{}}"),
            "sonarr-tls", Map.of("tls.crt", "fixture", "tls.key", "fixture"),
            "auth-tls", Map.of("tls.crt", "fixture", "tls.key", "fixture"));
    secrets.forEach(
        (name, data) ->
            client
                .secrets()
                .inNamespace(namespace)
                .resource(
                    new SecretBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .withStringData(data)
                        .build())
                .create());
    for (String claim : BaseSpecs.referencedClaims()) {
      client
          .persistentVolumeClaims()
          .inNamespace(namespace)
          .resource(
              new PersistentVolumeClaimBuilder()
                  .withNewMetadata()
                  .withName(claim)
                  .endMetadata()
                  .withNewSpec()
                  .withAccessModes("ReadWriteMany")
                  .withNewResources()
                  .addToRequests("storage", new Quantity("10Gi"))
                  .endResources()
                  .endSpec()
                  .build())
          .create();
    }
    client
        .configMaps()
        .inNamespace(namespace)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("settings")
                .endMetadata()
                .addToData("k", "v")
                .build())
        .create();
    cluster
        .kubectl("apply", "-f", "src/test/resources/invalid-catalogue/valid/stack.yaml")
        .assertSuccess();
  }
}
