package io.stackpilot.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.MediaService;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.validation.SpecReferences.Kind;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpecReferencesTest {

  private static final MediaService SONARR =
      Specs.media(
          "sonarr",
          """
      stack: home
      env:
        - name: DB_PASSWORD
          valueFrom: {secretKeyRef: {name: db, key: password}}
        - name: LOG_LEVEL
          valueFrom: {configMapKeyRef: {name: tuning, key: log-level}}
        - name: NO_NAME
          valueFrom: {secretKeyRef: {key: token}}
        - name: PLAIN
          value: x
      channels:
        stable: {image: "lscr.io/linuxserver/sonarr:4"}
        beta:
          image: "lscr.io/linuxserver/sonarr:develop"
          env:
            - name: BETA_TOKEN
              valueFrom: {secretKeyRef: {name: beta-token, key: token}}
      storage:
        - {name: config, mountPath: /config, existingClaim: sonarr-config}
      media:
        libraries:
          - {name: tv, claimName: media-library, mountPath: /tv}
      expose:
        host: sonarr.home.example
        tls: {secretName: sonarr-tls}
      """);

  private static final ServiceStack HOME =
      Specs.stack(
          "home",
          """
      base:
        imagePullSecrets: [{name: registry}]
        env:
          - name: SHARED
            valueFrom: {secretKeyRef: {name: shared, key: value}}
      alerts:
        webhooks:
          - {name: chat, urlSecretRef: {name: chat-url, key: url}}
      """);

  @Test
  void aServiceNamesWhatItsEnvChannelsStorageLibrariesAndTlsName() {
    SpecReferences refs = SpecReferences.ofService(SONARR, Optional.empty());

    assertThat(refs.secrets()).containsExactly("beta-token", "db", "sonarr-tls");
    assertThat(refs.configMaps()).containsExactly("tuning");
    assertThat(refs.claims()).containsExactly("media-library", "sonarr-config");
  }

  @Test
  void itsStacksDefaultsCountAsItsOwn() {
    SpecReferences refs = SpecReferences.ofService(SONARR, Optional.of(HOME));

    assertThat(refs.names(Kind.SECRET, "registry")).isTrue();
    assertThat(refs.names(Kind.SECRET, "shared")).isTrue();
    assertThat(refs.names(Kind.SECRET, "chat-url")).isTrue();
    assertThat(refs.names(Kind.SECRET, "db")).isTrue();
    assertThat(refs.names(Kind.CONFIG_MAP, "db")).as("a Secret's name is no ConfigMap's").isFalse();
  }

  @Test
  void aStackNamesOnlyWhatItsDefaultsAndAlertsName() {
    SpecReferences refs = SpecReferences.ofStack(HOME);

    assertThat(refs.secrets()).containsExactly("chat-url", "registry", "shared");
    assertThat(refs.configMaps()).isEmpty();
    assertThat(refs.claims()).isEmpty();
  }

  @Test
  void namesNoObjectCanHaveAreLeftOut() {
    MediaService odd =
        Specs.media(
            "odd",
            Specs.MINIMAL
                + """
        env:
          - name: A
            valueFrom: {secretKeyRef: {name: "Not/A_Name", key: k}}
          - name: B
            valueFrom: {configMapKeyRef: {name: "", key: k}}
        storage:
          - {name: data, mountPath: /data, existingClaim: "%s"}
        """
                    .formatted("x".repeat(300)));

    SpecReferences refs = SpecReferences.ofService(odd, Optional.empty());

    assertThat(refs.secrets()).isEmpty();
    assertThat(refs.configMaps()).isEmpty();
    assertThat(refs.claims()).isEmpty();
  }
}
