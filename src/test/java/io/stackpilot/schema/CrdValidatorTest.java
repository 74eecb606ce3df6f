package io.stackpilot.schema;

import static io.stackpilot.schema.Gadgets.validate;
import static io.stackpilot.schema.StructuralValidatorTest.fields;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The order and the rules of the whole check, as the API server runs it at kubectl apply. */
class CrdValidatorTest {

  @Test
  void unknownFieldsRejectTheObjectBeforeAnythingElse() {
    SchemaReport report = validate("name: a\nsizes: 5\nparts: [{name: x, colour: red}]");

    assertThat(report.errors())
        .extracting(v -> v.field().text())
        .containsExactlyInAnyOrder("spec.sizes", "spec.parts[0].colour");
    assertThat(report.errors()).allMatch(v -> v.type() == ViolationType.UNKNOWN_FIELD);
  }

  @Test
  void unknownTopLevelFieldsAreFoundToo() {
    SchemaReport report =
        Gadgets.VALIDATOR.validate(
            Gadgets.yaml(
                "apiVersion: test.stackpilot.io/v1\nkind: Gadget\nmetadata: {name: g1}\nspecs: {name: abc}\n"));

    assertThat(fields(report.errors(), ViolationType.UNKNOWN_FIELD)).containsExactly("specs");
  }

  @Test
  void preserveUnknownFieldsKeepsAnythingBelowIt() {
    assertThat(validate("name: abc\nextra: {a: {b: c}}").errors()).isEmpty();
  }

  @Test
  void statusIsIgnoredAsTheStatusSubresourceMakesTheApiServerDoOnApply() {
    SchemaReport report =
        Gadgets.VALIDATOR.validate(
            Gadgets.yaml(
                "apiVersion: test.stackpilot.io/v1\nkind: Gadget\nmetadata: {name: g1}\nspec: {name: abc}\nstatus: {phase: Lost, bogus: 1}\n"));

    assertThat(report.errors()).isEmpty();
  }

  @Test
  void rulesSeeDefaultedValues() {
    // self.mode is only there through its default; without defaulting the rule could not be
    // evaluated.
    assertThat(validate("name: abc\nsize: 5").errors()).isEmpty();
    assertThat(validate("name: abc\nparts: [{name: x}]").errors()).isEmpty();
  }

  @Test
  void aNullInAFieldThatIsNotNullableIsDroppedNotRejected() {
    assertThat(validate("name: abc\nsize: null").errors()).isEmpty();
  }

  @Test
  void aFailedRuleIsReportedAtItsFieldPathWithItsMessage() {
    List<Violation> errors = validate("name: abc\nmode: strict\nsize: 5").errors();

    assertThat(errors)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field().text()).isEqualTo("spec.size");
              assertThat(v.type()).isEqualTo(ViolationType.INVALID);
              assertThat(v.message()).isEqualTo("strict gadgets are at least 10");
            });
  }

  @Test
  void aRulesReasonSetsTheKindOfError() {
    assertThat(fields(validate("name: abc\nowner: nobody").errors(), ViolationType.REQUIRED))
        .containsExactly("spec.owner");
  }

  @Test
  void aMessageExpressionWinsOverTheMessage() {
    assertThat(validate("name: abc\nratio: 2.0").errors())
        .singleElement()
        .satisfies(v -> assertThat(v.message()).startsWith("ratio 2").endsWith(" is not allowed"));
  }

  @Test
  void rulesOnListItemsAndMapValuesRunPerEntryAndNameIt() {
    List<Violation> errors =
        validate("name: abc\nparts: [{name: x}, {name: y, count: 0}]\nlabels: {a: '', b: ok}")
            .errors();

    assertThat(errors)
        .extracting(v -> v.field().text())
        .containsExactlyInAnyOrder("spec.parts[1]", "spec.labels[a]");
  }

  @Test
  void aBlockingErrorSkipsTheRulesAndSaysSo() {
    List<Violation> errors =
        validate("name: abc\nmode: strict\nsize: 5\ntags: [a, b, c, d]").errors();

    assertThat(errors)
        .extracting(Violation::type)
        .containsExactly(ViolationType.TOO_MANY, ViolationType.RULES_NOT_CHECKED);
    assertThat(errors.get(1).field().isRoot()).isTrue();
  }

  @Test
  void anErrorThatDoesNotBlockLeavesTheRulesRunning() {
    List<Violation> errors = validate("name: abc\nmode: strict\nsize: 5\ndigits: none").errors();

    assertThat(errors)
        .extracting(v -> v.field().text())
        .containsExactlyInAnyOrder("spec.digits", "spec.size");
  }

  @Test
  void aRuleThatCannotBeEvaluatedOnTheValueIsAnError() {
    // With mode strict and no size, self.size does not exist: the API server rejects that too.
    List<Violation> errors = validate("name: abc\nmode: strict").errors();

    assertThat(errors)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field().text()).isEqualTo("spec");
              assertThat(v.message())
                  .contains("strict gadgets are at least 10")
                  .contains("could not even be evaluated");
            });
  }

  @Test
  void aRuleThatCelJavaCannotCompileIsAWarningNeverAPass() {
    SchemaReport report = validate("name: abc\nurl: https://example.org");

    assertThat(report.errors()).isEmpty();
    assertThat(report.warnings())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field().text()).isEqualTo("spec");
              assertThat(v.message()).contains("isURL").contains("not checked offline");
            });
  }

  @Test
  void transitionRulesAreSkippedBecauseAFileHasNoPreviousVersion() {
    SchemaReport report = validate("name: abc\nsize: 5");

    // Evaluated, `self.size == oldSelf.size` would not compile (no oldSelf) and show up as a
    // warning.
    assertThat(report.errors()).isEmpty();
    assertThat(report.warnings())
        .extracting(Violation::message)
        .noneMatch(message -> message.contains("oldSelf"));
  }

  @Test
  void theRootRuleSeesOnlyNameAndGenerateNameOfTheMetadata() {
    SchemaReport report =
        Gadgets.VALIDATOR.validate(
            Gadgets.yaml(
                "apiVersion: test.stackpilot.io/v1\nkind: Gadget\nmetadata: {name: g1, labels: {a: b}}\nspec: {name: abc}\n"));

    assertThat(report.errors()).isEmpty();
  }

  @Test
  void objectMetadataIsCheckedAsForEveryObject() {
    SchemaReport report =
        Gadgets.VALIDATOR.validate(
            Gadgets.yaml(
                "apiVersion: test.stackpilot.io/v1\nkind: Gadget\nmetadata: {name: G_1, namespace: Home, labels: {'a b': x, ok: 'not ok'}}\nspec: {name: abc}\n"));

    assertThat(report.errors())
        .extracting(v -> v.field().text())
        .containsExactly(
            "metadata.name", "metadata.namespace", "metadata.labels", "metadata.labels");
  }

  @Test
  void aMissingNameIsRequired() {
    SchemaReport report =
        Gadgets.VALIDATOR.validate(
            Gadgets.yaml(
                "apiVersion: test.stackpilot.io/v1\nkind: Gadget\nmetadata: {}\nspec: {name: abc}\n"));

    assertThat(fields(report.errors(), ViolationType.REQUIRED)).containsExactly("metadata.name");
  }

  @Test
  void anUnknownKindOrVersionOfTheGroupIsRejected() {
    assertThat(
            Gadgets.VALIDATOR
                .validate(
                    Gadgets.yaml(
                        "apiVersion: test.stackpilot.io/v1\nkind: Gizmo\nmetadata: {name: a}\n"))
                .errors())
        .extracting(v -> v.field().text())
        .containsExactly("kind");
    assertThat(
            Gadgets.VALIDATOR
                .validate(
                    Gadgets.yaml(
                        "apiVersion: test.stackpilot.io/v2\nkind: Gadget\nmetadata: {name: a}\n"))
                .errors())
        .extracting(v -> v.field().text())
        .containsExactly("apiVersion");
  }

  @Test
  void objectsOfOtherGroupsAreNotCovered() {
    assertThat(Gadgets.VALIDATOR.covers(Gadgets.yaml("apiVersion: v1\nkind: Secret\n"))).isFalse();
    assertThat(Gadgets.VALIDATOR.covers(Gadgets.yaml("apiVersion: apps/v1\nkind: Deployment\n")))
        .isFalse();
    assertThat(Gadgets.VALIDATOR.covers(Gadgets.gadget("name: abc"))).isTrue();
  }

  @Test
  void theInputIsLeftAsItWas() {
    var object = Gadgets.gadget("name: abc\nsize: null");
    String before = object.toString();

    validate("name: abc\nsize: null");
    Gadgets.VALIDATOR.validate(object);

    assertThat(object.toString()).isEqualTo(before);
  }
}
