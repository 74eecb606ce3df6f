package io.stackpilot.schema;

import static io.stackpilot.schema.Gadgets.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OpenAPI checks, each named at the field and with the kind of error the API server gives. */
class StructuralValidatorTest {

  @Test
  void aValidGadgetHasNoErrors() {
    SchemaReport report =
        validate(
            """
        name: abc
        size: 5
        ratio: 1.5
        port: 8080
        tags: [a, b]
        parts: [{name: x, count: 2}, {name: y}]
        labels: {a: "1"}
        extra: {anything: {goes: [1, 2]}}
        """);

    assertThat(report.errors()).isEmpty();
  }

  @Test
  void aWrongTypeNamesTheFieldAndTheExpectedType() {
    assertThat(validate("name: abc\nsize: five").errors())
        .extracting(v -> v.field().text(), Violation::type)
        .contains(tuple("spec.size", ViolationType.WRONG_TYPE));
    assertThat(validate("name: abc\nsize: five").errors().get(0).message())
        .contains("must be of type integer, not string");
  }

  @Test
  void aWholeNumberWrittenWithADecimalPointIsStillAnInteger() {
    assertThat(validate("name: abc\nsize: 5.0").errors()).isEmpty();
    assertThat(validate("name: abc\nsize: 5.5").errors())
        .extracting(Violation::type)
        .contains(ViolationType.WRONG_TYPE);
  }

  @Test
  void aMissingRequiredFieldIsNamedBelowItsObject() {
    assertThat(fields(validate("size: 5").errors(), ViolationType.REQUIRED))
        .containsExactly("spec.name");
  }

  @Test
  void aValueOutsideTheEnumListsTheAllowedValues() {
    List<Violation> errors = validate("name: abc\nmode: sloppy").errors();

    assertThat(fields(errors, ViolationType.UNSUPPORTED)).containsExactly("spec.mode");
    assertThat(errors.get(0).message()).contains("\"sloppy\"").contains("\"loose\", \"strict\"");
  }

  @Test
  void patternsAreSearchedNotAnchored() {
    assertThat(validate("name: abc\ndigits: abc1def").errors()).isEmpty();
    assertThat(fields(validate("name: abc\ndigits: abcdef").errors(), ViolationType.INVALID))
        .containsExactly("spec.digits");
  }

  @Test
  void lengthsCountCharactersNotBytes() {
    assertThat(validate("name: üüüüü").errors()).isEmpty();
    assertThat(fields(validate("name: üüüüüü").errors(), ViolationType.TOO_LONG))
        .containsExactly("spec.name");
    assertThat(fields(validate("name: a").errors(), ViolationType.INVALID))
        .containsExactly("spec.name");
  }

  @Test
  void rangesHonourExclusiveBounds() {
    assertThat(fields(validate("name: abc\nsize: 0").errors(), ViolationType.INVALID))
        .containsExactly("spec.size");
    assertThat(validate("name: abc\nsize: 99").errors()).isEmpty();
    assertThat(fields(validate("name: abc\nsize: 100").errors(), ViolationType.INVALID))
        .containsExactly("spec.size");
    assertThat(fields(validate("name: abc\nratio: 0.4").errors(), ViolationType.INVALID))
        .containsExactly("spec.ratio");
  }

  @Test
  void listSizesAreCheckedAtTheList() {
    assertThat(fields(validate("name: abc\ntags: [a, b, c, d]").errors(), ViolationType.TOO_MANY))
        .containsExactly("spec.tags");
    assertThat(fields(validate("name: abc\ntags: []").errors(), ViolationType.INVALID))
        .containsExactly("spec.tags");
  }

  @Test
  void aSetRejectsEqualItemsAndAMapListEqualKeys() {
    assertThat(fields(validate("name: abc\ntags: [a, b, a]").errors(), ViolationType.DUPLICATE))
        .containsExactly("spec.tags[2]");
    assertThat(
            fields(
                validate("name: abc\nparts: [{name: x}, {name: y, count: 3}, {name: y}]").errors(),
                ViolationType.DUPLICATE))
        .containsExactly("spec.parts[2]");
  }

  @Test
  void mapValuesAreNamedWithADotAsTheApiServersSchemaCheckDoes() {
    List<Violation> errors = validate("name: abc\nlabels: {team: 7}").errors();

    assertThat(fields(errors, ViolationType.WRONG_TYPE)).containsExactly("spec.labels.team");
  }

  @Test
  void aMapOverMaxPropertiesHasTooMany() {
    assertThat(
            fields(
                validate("name: abc\nlabels: {a: x, b: y, c: z}").errors(), ViolationType.TOO_MANY))
        .containsExactly("spec.labels");
  }

  @Test
  void intOrStringTakesEitherButNothingElse() {
    assertThat(validate("name: abc\nport: 8080").errors()).isEmpty();
    assertThat(validate("name: abc\nport: http").errors()).isEmpty();
    assertThat(fields(validate("name: abc\nport: true").errors(), ViolationType.WRONG_TYPE))
        .containsExactly("spec.port");
  }

  @Test
  void nullIsAcceptedOnlyWhereNullable() {
    assertThat(validate("name: abc\nnote: null").errors()).isEmpty();
  }

  @Test
  void anyOfNeedsOneAlternativeThatFits() {
    StructuralSchema schema =
        StructuralSchema.parse(
            Gadgets.yaml(
                """
        anyOf:
          - {type: string, maxLength: 2}
          - {type: string, pattern: "^x+$"}
        """));
    List<Violation> found = new ArrayList<>();

    StructuralValidator.validate(
        Gadgets.yaml("\"ab\""), schema, FieldPath.root().child("f"), found);
    StructuralValidator.validate(
        Gadgets.yaml("\"xxxx\""), schema, FieldPath.root().child("f"), found);
    assertThat(found).isEmpty();

    StructuralValidator.validate(
        Gadgets.yaml("\"abc\""), schema, FieldPath.root().child("f"), found);
    assertThat(found).extracting(v -> v.field().text()).containsExactly("f");
  }

  static List<String> fields(List<Violation> violations, ViolationType type) {
    return violations.stream().filter(v -> v.type() == type).map(v -> v.field().text()).toList();
  }
}
