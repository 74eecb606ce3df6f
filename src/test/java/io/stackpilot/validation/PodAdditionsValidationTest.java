package io.stackpilot.validation;

import static io.stackpilot.validation.SpecValidator.validateService;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.stackpilot.api.MalformedQuantity;
import io.stackpilot.api.MediaService;
import org.junit.jupiter.api.Test;

/**
 * Extra volumes and containers are checked on the field before anything is applied: what they mount
 * exists, their names do not clash, and the security profile allows them.
 */
class PodAdditionsValidationTest {

  @Test
  void aMountOfAVolumeThatDoesNotExistNamesTheVolumesThatDo() {
    ValidationReport report =
        validate(
            """
            storage: [{name: config, mountPath: /config, size: 1Gi}]
            volumes: [{name: cache, emptyDir: {}}]
            volumeMounts: [{name: media, mountPath: /media}]
            containers:
              - name: backup
                image: restic:1
                volumeMounts: [{name: confg, mountPath: /config}]
            """);

    assertThat(report.errors())
        .extracting(Finding::field)
        .containsExactlyInAnyOrder(
            "spec.volumeMounts[0].name", "spec.containers[0].volumeMounts[0].name");
    assertThat(report.errors().get(0).message())
        .contains("is media, which is neither in spec.volumes nor in spec.storage")
        .contains("cache, config");
  }

  @Test
  void aVolumeThatSharesAStorageNameIsAnError() {
    assertThat(
            validate(
                    """
                    storage: [{name: config, mountPath: /config, size: 1Gi}]
                    volumes: [{name: config, emptyDir: {}}]
                    """)
                .errors())
        .singleElement()
        .satisfies(e -> assertThat(e.field()).isEqualTo("spec.volumes[0].name"));
  }

  @Test
  void containerNamesAreUniqueInThePodAndNeverTheServicesOwn() {
    ValidationReport report =
        validateSpec(
            """
            channels:
              stable: {image: lscr.io/linuxserver/sonarr:4.0.9, containerImages: {vnp: 'a:2'}}
            initContainers: [{name: sonarr, image: 'busybox:1'}]
            containers: [{name: vpn, image: 'a:1'}, {name: exporter, image: 'b:1'}]
            """);

    assertThat(report.errors())
        .extracting(Finding::field)
        .containsExactlyInAnyOrder(
            "spec.initContainers[0].name", "spec.channels.stable.containerImages.vnp");
  }

  @Test
  void aChannelImageMustBeAnImageReference() {
    ValidationReport report =
        validateSpec(
            """
            channels:
              stable: {image: app:1, containerImages: {vpn: 'Not An Image'}}
            containers: [{name: vpn, image: a:1}]
            """);

    assertThat(report.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("spec.channels.stable.containerImages.vpn");
              assertThat(e.message()).contains("repository:tag");
            });
  }

  @Test
  void aContainersLiteralSecretAndMalformedQuantitiesAreCaught() {
    MediaService sonarr =
        Specs.media(
            "sonarr",
            Specs.MINIMAL
                + """
                containers:
                  - name: vpn
                    image: gluetun:3
                    env: [{name: WIREGUARD_PRIVATE_KEY, value: 'kL2x9Qz7pR4vW8yT1uE6iO3aS5dF0gH'}]
                volumes: [{name: shm, emptyDir: {medium: Memory}}]
                """);
    // A quantity that does not parse arrives as a MalformedQuantity (LenientQuantities).
    sonarr
        .getSpec()
        .getContainers()
        .get(0)
        .setResources(
            new ResourceRequirementsBuilder()
                .addToLimits("memory", new MalformedQuantity("lots"))
                .build());
    sonarr.getSpec().getVolumes().get(0).getEmptyDir().setSizeLimit(new MalformedQuantity("huge"));

    ValidationReport report = validateService(sonarr, ClusterFacts.offline());

    assertThat(report.errors())
        .extracting(Finding::field)
        .containsExactlyInAnyOrder(
            "spec.containers[0].env[0].value",
            "spec.containers[0].resources.limits.memory",
            "spec.volumes[0].emptyDir.sizeLimit");
  }

  @Test
  void hostPathNeedsPrivilegedAndNfsNeedsMoreThanRestricted() {
    ValidationReport restricted =
        validate(
            """
            securityProfile: Restricted
            volumes:
              - {name: host, hostPath: {path: /srv}}
              - {name: nas, nfs: {server: nas.lan, path: /export}}
            """);
    ValidationReport baseline =
        validate(
            """
            securityProfile: StartsAsRoot
            volumes:
              - {name: host, hostPath: {path: /srv}}
              - {name: nas, nfs: {server: nas.lan, path: /export}}
            """);
    ValidationReport privileged =
        validate(
            """
            securityProfile: Privileged
            volumes:
              - {name: host, hostPath: {path: /srv}}
              - {name: nas, nfs: {server: nas.lan, path: /export}}
            """);

    assertThat(restricted.errors())
        .extracting(Finding::field)
        .containsExactly("spec.volumes[0].hostPath", "spec.volumes[1].nfs");
    assertThat(restricted.errors().get(1).message())
        .contains("securityProfile Restricted, set by spec.securityProfile")
        .contains("existingClaim");
    assertThat(baseline.errors())
        .extracting(Finding::field)
        .containsExactly("spec.volumes[0].hostPath");
    assertThat(privileged.errors()).isEmpty();
  }

  @Test
  void aSidecarsIdentityAndCapabilitiesMustFitTheProfile() {
    ValidationReport restricted =
        validate(
            """
            securityProfile: Restricted
            initContainers:
              - name: vpn
                image: gluetun:3
                restartPolicy: Always
                securityContext: {runAsUser: 0, capabilities: {add: [NET_ADMIN]}}
            """);
    ValidationReport privileged =
        validate(
            """
            securityProfile: Privileged
            initContainers:
              - name: vpn
                image: gluetun:3
                restartPolicy: Always
                securityContext: {runAsUser: 0, capabilities: {add: [NET_ADMIN]}}
            """);

    assertThat(restricted.errors())
        .extracting(Finding::field)
        .containsExactly(
            "spec.initContainers[0].securityContext.runAsUser",
            "spec.initContainers[0].securityContext.capabilities.add");
    assertThat(restricted.errors().get(1).message())
        .contains("has NET_ADMIN")
        .contains("Restricted");
    assertThat(privileged.errors()).isEmpty();
  }

  @Test
  void anExtraMountAtAPathAlreadyMountedIsAnError() {
    assertThat(
            validate(
                    """
                    storage: [{name: config, mountPath: /config, size: 1Gi}]
                    volumes: [{name: cache, emptyDir: {}}]
                    volumeMounts: [{name: cache, mountPath: /config}]
                    """)
                .errors())
        .extracting(Finding::field)
        .containsExactly("spec.volumeMounts[0].mountPath");
  }

  private static ValidationReport validate(String fields) {
    return validateSpec(Specs.MINIMAL + fields);
  }

  private static ValidationReport validateSpec(String spec) {
    MediaService sonarr = Specs.media("sonarr", spec);
    return validateService(sonarr, ClusterFacts.offline());
  }
}
