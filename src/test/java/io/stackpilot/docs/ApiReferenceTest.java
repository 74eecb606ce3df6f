package io.stackpilot.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.stackpilot.schema.CrdDefinition;
import io.stackpilot.schema.CrdDefinitions;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the reference says about a CRD, on the schema tests' Gadget CRD. */
class ApiReferenceTest {

  private final String reference = ApiReference.render(List.of(gadgets()));

  @Test
  void namesTheKindItsResourceAndItsColumns() {
    assertThat(reference)
        .contains("## Gadget")
        .contains("| API version | `test.stackpilot.io/v1` |")
        .contains("| Short names | `gd` |")
        .contains("| Scope | Namespaced |")
        .contains("| Size | integer | `.spec.size` | always |");
  }

  @Test
  void givesEveryFieldItsPathTypeRequirementDefaultAndConstraints() {
    assertThat(reference)
        .contains("| `spec.name` | string | yes |  | matches `^[a-zü]+$`; 2-5 characters |")
        .contains("| `spec.mode` | string |  | `loose` | one of `loose`, `strict` |")
        .contains("| `spec.size` | integer |  |  | ≥ 1; < 100 |")
        .contains("| `spec.port` | integer or string |")
        .contains("| `spec.tags` | array of string (set) |  |  | 1-3 items |")
        .contains("| `spec.labels` | map of string |  |  | at most 2 entries |");
  }

  @Test
  void listsRulesWithTheirMessagesAndMarksTransitionRules() {
    assertThat(reference)
        .contains("`self.size == oldSelf.size` (on update only): size is immutable")
        .contains("each value: `self != ''`: label values are not empty")
        .contains(
            "Rules on the whole object:\n\n- `!has(self.metadata.labels)`: CEL sees no labels at the root")
        .contains(
            "- `self.mode != 'strict' || self.size >= 10` (reported at `.size`): strict gadgets are at least 10");
  }

  @Test
  void objectLevelsBelowGetTheirOwnTableAndALinkToIt() {
    assertThat(reference)
        .contains("| `spec.parts` | [array of object (map keyed by name)](#gadget-spec-parts) |")
        .contains("<a id=\"gadget-spec-parts\"></a>")
        .contains("### Gadget `spec.parts[]`")
        .contains("| `spec.parts[].count` | integer |  | `1` |");
  }

  @Test
  void theSameCrdsGiveTheSameBytes() {
    assertThat(ApiReference.render(List.of(gadgets()))).isEqualTo(reference);
  }

  private static CrdDefinition gadgets() {
    try (InputStream crd = ApiReferenceTest.class.getResourceAsStream("/schema/gadgets-crd.yaml")) {
      return CrdDefinitions.parse(new ObjectMapper(new YAMLFactory()).readTree(crd));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
