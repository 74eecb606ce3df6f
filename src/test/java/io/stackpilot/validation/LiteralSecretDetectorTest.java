package io.stackpilot.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LiteralSecretDetectorTest {

  // Made up for these tests; none of them was ever a real credential.
  private static final String JWT =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdGFja3BpbG90In0.c2lnbmF0dXJlLW5vdC1yZWFs";
  private static final String HEX_API_KEY = "3f9a1c0b7e2d4a6f8b1c3e5d7f9a0b2c";
  private static final String BASE64_KEY = "q8Zr4Lx0Vn2Tb6Hw9Pk3Ys7Md1Fg5Jc+e0Ua/R2o=";

  @ParameterizedTest
  @CsvSource({
    "DB_PASSWORD, hunter2, PASSWORD",
    "MYSQL_ROOT_PASSWD, hunter2, PASSWD",
    "client-secret, hunter2, SECRET",
    "GITHUB_TOKEN, hunter2, TOKEN",
    "SONARR__API_KEY, hunter2, API_KEY",
    "radarr.apikey, hunter2, APIKEY",
    "SSH_PRIVATE_KEY, hunter2, PRIVATE_KEY",
    "AWS_CREDENTIALS, hunter2, CREDENTIAL",
    "dbPassword, 1234, PASSWORD"
  })
  void aSecretLookingNameWithALiteralValueIsSuspect(String name, String value, String namePart) {
    assertThat(LiteralSecretDetector.suspicion(name, value))
        .contains("its name contains " + namePart);
  }

  @ParameterizedTest
  @ValueSource(strings = {"TZ", "PUID", "LOG_LEVEL", "WEBUI_PORT", "PASS", "KEY"})
  void anOrdinaryNameWithAnOrdinaryValueIsNotSuspect(String name) {
    assertThat(LiteralSecretDetector.suspicion(name, "Europe/Berlin")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "  ", "false", "True", "off", "/run/secrets/db-password", "$(DB_PASSWORD)"})
  void aValueThatCannotHoldASecretIsNotSuspectWhateverTheName(String value) {
    assertThat(LiteralSecretDetector.suspicion("DB_PASSWORD", value)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {JWT, HEX_API_KEY, BASE64_KEY})
  void aGeneratedLookingValueIsSuspectUnderAnyName(String value) {
    assertThat(LiteralSecretDetector.suspicion("UPSTREAM", value)).isPresent();
  }

  @ParameterizedTest
  @CsvSource({JWT + ", JSON Web Token", HEX_API_KEY + ", generated key"})
  void theReasonNamesWhatTheValueLooksLike(String value, String looksLike) {
    assertThat(LiteralSecretDetector.suspicion("UPSTREAM", value))
        .hasValueSatisfying(reason -> assertThat(reason).contains(looksLike));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "123e4567-e89b-12d3-a456-426614174000", // a UUID: usually an identifier
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1", // long, but no randomness in it
        "abcdefghijklmnopqrstuvwxyzabcdefghij", // no digit: a word, not a key
        "https://sonarr.home.example/api/v3/queue", // punctuation that keys do not have
        "lscr.io/linuxserver/sonarr:4.0.9",
        "short1a2b3c"
      })
  void anOrdinaryValueIsNotSuspectUnderAnOrdinaryName(String value) {
    assertThat(LiteralSecretDetector.suspicion("UPSTREAM", value)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"DB_PASSWORD", "UPSTREAM"})
  void theReasonNeverContainsTheValue(String name) {
    assertThat(LiteralSecretDetector.suspicion(name, HEX_API_KEY))
        .hasValueSatisfying(reason -> assertThat(reason).doesNotContain(HEX_API_KEY));
  }

  @ParameterizedTest
  @ValueSource(strings = {"DB_PASSWORD", "UPSTREAM"})
  void anAbsentValueIsNotSuspect(String name) {
    assertThat(LiteralSecretDetector.suspicion(name, null)).isEmpty();
  }
}
