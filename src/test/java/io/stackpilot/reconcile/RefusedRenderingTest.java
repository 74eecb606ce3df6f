package io.stackpilot.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.stackpilot.validation.Finding;
import org.junit.jupiter.api.Test;

/**
 * The API server's refusal of a rendered object, turned into errors on the spec fields it came
 * from.
 */
class RefusedRenderingTest {

  private static final Deployment DEPLOYMENT =
      new DeploymentBuilder().withNewMetadata().withName("sonarr").endMetadata().build();

  @Test
  void eachCauseBecomesAnErrorOnTheSpecFieldItWasRenderedFrom() {
    KubernetesClientException refusal =
        new KubernetesClientException(
            new StatusBuilder()
                .withCode(422)
                .withMessage("Deployment.apps \"sonarr\" is invalid")
                .withNewDetails()
                .addNewCause()
                .withField("spec.template.spec.tolerations[0].operator")
                .withMessage("Unsupported value: \"Maybe\"")
                .endCause()
                .addNewCause()
                .withField("spec.template.spec.containers[0].env[3].valueFrom")
                .withMessage(
                    "Invalid value: \"\": may not have more than one field specified at a time")
                .endCause()
                .endDetails()
                .build());

    assertThat(RefusedRendering.findings(DEPLOYMENT, refusal))
        .satisfiesExactly(
            tolerations -> {
              assertThat(tolerations.field()).isEqualTo("spec.tolerations");
              assertThat(tolerations.message())
                  .contains(
                      "Kubernetes refuses the Deployment sonarr",
                      "spec.template.spec.tolerations[0].operator: Unsupported value",
                      "what runs keeps running");
            },
            env -> assertThat(env.field()).isEqualTo("spec.env"));
  }

  @Test
  void aRefusedConfigMapPointsAtTheConfigAndAnUnknownFieldAtTheSpec() {
    var configMap =
        new ConfigMapBuilder().withNewMetadata().withName("sonarr-cfg-1a2b").endMetadata().build();
    KubernetesClientException tooLong =
        new KubernetesClientException(
            new StatusBuilder()
                .withCode(422)
                .withMessage(
                    "ConfigMap \"sonarr-cfg-1a2b\" is invalid: []: Too long: must have at most 1048576 bytes")
                .build());
    KubernetesClientException elsewhere =
        new KubernetesClientException(
            new StatusBuilder()
                .withCode(422)
                .withNewDetails()
                .addNewCause()
                .withField("spec.somethingNew")
                .withMessage("Invalid value")
                .endCause()
                .endDetails()
                .build());

    assertThat(RefusedRendering.findings(configMap, tooLong))
        .extracting(Finding::field)
        .containsExactly("spec.config");
    assertThat(RefusedRendering.findings(DEPLOYMENT, elsewhere))
        .extracting(Finding::field)
        .containsExactly("spec");
  }

  @Test
  void aRefusedServiceOrIngressPointsAtTheSpecFieldsTheyAreRenderedFrom() {
    var service = new ServiceBuilder().withNewMetadata().withName("sonarr").endMetadata().build();
    var ingress = new IngressBuilder().withNewMetadata().withName("sonarr").endMetadata().build();

    assertThat(
            RefusedRendering.findings(
                service,
                refusedAt(
                    "spec.ports[0].nodePort",
                    "Invalid value: 30080: provided port is already allocated")))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.field()).isEqualTo("spec.ports");
              assertThat(f.message())
                  .contains("Kubernetes refuses the Service sonarr", "already allocated");
            });
    assertThat(RefusedRendering.findings(service, refusedAt("metadata.annotations", "Too long")))
        .extracting(Finding::field)
        .containsExactly("spec.service.annotations");
    assertThat(RefusedRendering.findings(service, refusedAt("spec.loadBalancerClass", "Invalid")))
        .extracting(Finding::field)
        .containsExactly("spec.service");
    assertThat(RefusedRendering.findings(ingress, refusedAt("metadata.annotations", "denied")))
        .extracting(Finding::field)
        .containsExactly("spec.expose.annotations");
    assertThat(RefusedRendering.findings(ingress, refusedAt("spec.rules[0].host", "Invalid")))
        .extracting(Finding::field)
        .containsExactly("spec.expose");
  }

  private static KubernetesClientException refusedAt(String field, String message) {
    return new KubernetesClientException(
        new StatusBuilder()
            .withCode(422)
            .withNewDetails()
            .addNewCause()
            .withField(field)
            .withMessage(message)
            .endCause()
            .endDetails()
            .build());
  }

  @Test
  void aLongRefusalIsShortened() {
    KubernetesClientException refusal =
        new KubernetesClientException(
            new StatusBuilder().withCode(422).withMessage("x".repeat(100_000)).build());

    assertThat(RefusedRendering.findings(DEPLOYMENT, refusal))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).hasSizeLessThan(1000));
  }
}
