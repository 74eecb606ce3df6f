package io.stackpilot.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.api.ServiceKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterFactsTest {

  private static final ServiceRef SONARR = new ServiceRef(ServiceKind.MEDIA_SERVICE, "sonarr");
  private static final ServiceRef AUTHELIA =
      new ServiceRef(ServiceKind.SECURITY_SERVICE, "authelia");

  @Test
  void offlineFactsKnowNoCluster() {
    assertThat(ClusterFacts.offline().online()).isFalse();
    assertThat(ClusterFacts.emptyCluster().online()).isTrue();
  }

  @Test
  void offlineFactsRefuseObjectsThatWouldBeIgnored() {
    assertThatThrownBy(() -> ClusterFacts.offline().withSecret("db", "password"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("emptyCluster");
  }

  @Test
  void objectsAddUpWithoutChangingTheFactsTheyWereAddedTo() {
    ClusterFacts empty = ClusterFacts.emptyCluster();
    ClusterFacts facts =
        empty
            .withSecret("db", "password", "user")
            .withConfigMap("app", "settings")
            .withClaim("media")
            .withService(SONARR, List.of(AUTHELIA));

    assertThat(facts.secretKeys()).containsOnlyKeys("db");
    assertThat(facts.secretKeys().get("db")).containsExactlyInAnyOrder("password", "user");
    assertThat(facts.configMapKeys()).containsOnlyKeys("app");
    assertThat(facts.claimNames()).containsExactly("media");
    assertThat(facts.dependencies()).containsEntry(SONARR, List.of(AUTHELIA));
    assertThat(empty.secretKeys()).isEmpty();
    assertThat(empty.dependencies()).isEmpty();
  }

  @Test
  void serviceRefsReadAsKindSlashName() {
    assertThat(SONARR).hasToString("MediaService/sonarr");
  }
}
