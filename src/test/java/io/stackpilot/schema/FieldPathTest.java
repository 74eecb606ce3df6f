package io.stackpilot.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FieldPathTest {

  private final FieldPath spec = FieldPath.root().child("spec");

  @Test
  void writesFieldsIndexesAndKeysAsTheApiServerDoes() {
    assertThat(spec.child("ports").index(0).child("name")).hasToString("spec.ports[0].name");
    assertThat(spec.child("config").key("A_B")).hasToString("spec.config[A_B]");
    assertThat(FieldPath.root()).hasToString("");
    assertThat(FieldPath.root().isRoot()).isTrue();
  }

  @Test
  void resolvesARulesRelativeFieldPath() {
    assertThat(spec.resolve(".recovery.failureWindow")).hasToString("spec.recovery.failureWindow");
    assertThat(spec.resolve(".podAnnotations['a.b/c']")).hasToString("spec.podAnnotations.a.b/c");
    assertThat(spec.resolve(".ports[1].name")).hasToString("spec.ports[1].name");
  }

  @Test
  void refusesAPathThatIsNotRelative() {
    assertThatThrownBy(() -> spec.resolve("recovery")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> spec.resolve(".ports[1")).isInstanceOf(IllegalArgumentException.class);
  }
}
