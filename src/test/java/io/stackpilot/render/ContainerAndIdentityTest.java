package io.stackpilot.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.stackpilot.api.CapabilitiesSpec;
import io.stackpilot.api.SecurityContextSpec;
import io.stackpilot.api.SecurityProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The container's entrypoint and the identity it runs with, in Kubernetes' own names, over what the
 * security profile sets; and the profile for images that start as root and drop to a user.
 */
class ContainerAndIdentityTest {

  @Test
  void commandArgsAndWorkingDirReplaceTheImagesOwn() {
    Container container =
        pod(spec -> {
              spec.setCommand(List.of("/bin/prometheus"));
              spec.setArgs(List.of("--config.file=/etc/prometheus/scrape.yml"));
              spec.setWorkingDir("/prometheus");
            })
            .getContainers()
            .get(0);

    assertThat(container.getCommand()).containsExactly("/bin/prometheus");
    assertThat(container.getArgs()).containsExactly("--config.file=/etc/prometheus/scrape.yml");
    assertThat(container.getWorkingDir()).isEqualTo("/prometheus");
  }

  @Test
  void withoutThemTheImagesEntrypointRuns() {
    Container container = pod(spec -> {}).getContainers().get(0);

    assertThat(container.getCommand()).isEmpty();
    assertThat(container.getArgs()).isEmpty();
    assertThat(container.getWorkingDir()).isNull();
  }

  @Test
  void theServicesUidGroupsAndCapabilitiesGoOverTheRestrictedProfile() {
    PodSpec pod =
        pod(
            spec -> {
              spec.setSecurityProfile(SecurityProfile.RESTRICTED);
              SecurityContextSpec context = new SecurityContextSpec();
              context.setRunAsUser(568L);
              context.setRunAsGroup(568L);
              context.setFsGroup(568L);
              context.setSupplementalGroups(List.of(44L, 109L));
              CapabilitiesSpec capabilities = new CapabilitiesSpec();
              capabilities.setAdd(List.of("NET_BIND_SERVICE"));
              context.setCapabilities(capabilities);
              spec.setSecurityContext(context);
            });

    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(568L);
    assertThat(pod.getSecurityContext().getRunAsGroup()).isEqualTo(568L);
    assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(568L);
    assertThat(pod.getSecurityContext().getSupplementalGroups()).containsExactly(44L, 109L);
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    var container = pod.getContainers().get(0).getSecurityContext();
    assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getCapabilities().getAdd()).containsExactly("NET_BIND_SERVICE");
  }

  @Test
  void startsAsRootRunsAsRootWithOnlyWhatDroppingToAUserNeeds() {
    PodSpec pod =
        pod(
            spec -> {
              spec.setSecurityProfile(SecurityProfile.STARTS_AS_ROOT);
            });

    assertThat(pod.getSecurityContext().getRunAsUser()).as("root at start").isNull();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isNull();
    assertThat(pod.getSecurityContext().getFsGroup())
        .as("the volumes' group: PGID 1000, or any user the image runs as, can write them")
        .isEqualTo(1000L);
    assertThat(pod.getSecurityContext().getFsGroupChangePolicy())
        .as("a large library is not walked at every start")
        .isEqualTo("OnRootMismatch");
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    var container = pod.getContainers().get(0).getSecurityContext();
    assertThat(container.getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getPrivileged()).isNull();
    assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getCapabilities().getAdd())
        .containsExactly("CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "SETGID", "SETUID");
  }

  private static PodSpec pod(
      java.util.function.Consumer<io.stackpilot.api.MediaServiceSpec> customize) {
    return ServiceRendererTest.render(customize).deployment().getSpec().getTemplate().getSpec();
  }
}
