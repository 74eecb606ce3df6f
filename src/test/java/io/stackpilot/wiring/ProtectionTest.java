package io.stackpilot.wiring;

import static io.stackpilot.wiring.Services.inNamespace;
import static io.stackpilot.wiring.Services.labelled;
import static io.stackpilot.wiring.Services.matchExpression;
import static io.stackpilot.wiring.Services.matchLabels;
import static io.stackpilot.wiring.Services.protector;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.SecurityProvider;
import io.stackpilot.api.SecurityService;
import io.stackpilot.api.StackService;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtectionTest {

  private static final Map<String, String> PROTECTED = Map.of("auth", "required");

  private final MediaService sonarr =
      labelled(Services.media("sonarr", spec -> {}), Map.of("auth", "required", "tier", "media"));

  @Test
  void aSecurityServiceProtectsWhatItsSelectorMatches() {
    SecurityService authelia = protector("authelia", matchLabels(PROTECTED));

    assertThat(names(Protection.protectorsOf(sonarr, List.of(authelia))))
        .containsExactly("authelia");
  }

  @Test
  void aSecurityServiceDoesNotProtectWhatItsSelectorMisses() {
    SecurityService authelia = protector("authelia", matchLabels(Map.of("auth", "optional")));
    MediaService unlabelled = Services.media("jellyfin", spec -> {});

    assertThat(Protection.protectorsOf(sonarr, List.of(authelia))).isEmpty();
    assertThat(
            Protection.protectorsOf(
                unlabelled, List.of(protector("authelia", matchLabels(PROTECTED)))))
        .isEmpty();
  }

  @Test
  void matchExpressionsSelectToo() {
    assertThat(
            Protection.protectorsOf(
                sonarr,
                List.of(protector("a", matchExpression("tier", "In", "media", "security")))))
        .hasSize(1);
    assertThat(
            Protection.protectorsOf(
                sonarr, List.of(protector("a", matchExpression("tier", "NotIn", "media")))))
        .isEmpty();
    assertThat(
            Protection.protectorsOf(
                sonarr, List.of(protector("a", matchExpression("auth", "Exists")))))
        .hasSize(1);
    assertThat(
            Protection.protectorsOf(
                sonarr, List.of(protector("a", matchExpression("auth", "DoesNotExist")))))
        .isEmpty();
  }

  @Test
  void aSecurityServiceWithoutProtectsProtectsNothing() {
    SecurityService crowdsec = Services.security("crowdsec", SecurityProvider.GENERIC, spec -> {});

    assertThat(Protection.protectorsOf(sonarr, List.of(crowdsec))).isEmpty();
  }

  @Test
  void anEmptySelectorProtectsEveryServiceOfTheNamespace() {
    SecurityService everything = protector("authelia", new LabelSelector());

    assertThat(Protection.protectorsOf(Services.media("jellyfin", spec -> {}), List.of(everything)))
        .hasSize(1);
  }

  @Test
  void onlySecurityServicesOfTheSameNamespaceProtect() {
    SecurityService elsewhere = inNamespace(protector("authelia", matchLabels(PROTECTED)), "other");

    assertThat(Protection.protectorsOf(sonarr, List.of(elsewhere))).isEmpty();
  }

  @Test
  void aSecurityServiceNeverProtectsItself() {
    SecurityService authelia = labelled(protector("authelia", new LabelSelector()), PROTECTED);

    assertThat(Protection.protectorsOf(authelia, List.of(authelia))).isEmpty();
  }

  @Test
  void aSecurityServiceCanProtectAnotherOne() {
    SecurityService oauth2Proxy =
        labelled(
            Services.security("oauth2-proxy", SecurityProvider.OAUTH2_PROXY, spec -> {}),
            PROTECTED);
    SecurityService authelia = protector("authelia", matchLabels(PROTECTED));

    assertThat(names(Protection.protectorsOf(oauth2Proxy, List.of(authelia, oauth2Proxy))))
        .containsExactly("authelia");
  }

  @Test
  void aServiceOfAnotherKindNamedLikeTheSecurityServiceIsProtected() {
    MediaService namesake = labelled(Services.media("authelia", spec -> {}), PROTECTED);

    assertThat(
            Protection.protectorsOf(
                namesake, List.of(protector("authelia", matchLabels(PROTECTED)))))
        .hasSize(1);
  }

  @Test
  void severalProtectorsComeSortedByName() {
    List<SecurityService> protectors =
        List.of(
            protector("oauth2-proxy", matchLabels(PROTECTED)),
            protector("crowdsec", matchExpression("tier", "Exists")),
            protector("authelia", matchLabels(PROTECTED)),
            protector("unrelated", matchLabels(Map.of("tier", "security"))));

    assertThat(names(Protection.protectorsOf(sonarr, protectors)))
        .containsExactly("authelia", "crowdsec", "oauth2-proxy");
    List<SecurityService> reversed = new ArrayList<>(protectors);
    Collections.reverse(reversed);
    assertThat(names(Protection.protectorsOf(sonarr, reversed)))
        .containsExactly("authelia", "crowdsec", "oauth2-proxy");
  }

  private static List<String> names(List<? extends StackService> services) {
    return services.stream().map(service -> service.getMetadata().getName()).toList();
  }
}
