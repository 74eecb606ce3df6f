package io.stackpilot.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The generator BadInputIT relies on: replayable from its seed, and its output well-formed JSON.
 */
class SpecFuzzerTest {

  /**
   * A parser that takes the generator's deepest nesting and longest strings, to check the syntax
   * only.
   */
  private static final ObjectMapper LENIENT =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder()
                      .maxNestingDepth(100_000)
                      .maxStringLength(Integer.MAX_VALUE)
                      .maxNumberLength(1000)
                      .build())
              .build());

  @Test
  void aCaseDependsOnlyOnTheSeedAndItsNumber() {
    SpecFuzzer one = new SpecFuzzer(42);
    SpecFuzzer other = new SpecFuzzer(42);
    for (int i : List.of(7, 0, 311, 7)) {
      FuzzCase a = one.generate(i);
      FuzzCase b = other.generate(i);
      assertThat(b.mutations()).isEqualTo(a.mutations());
      assertThat(b.objects()).hasSameSizeAs(a.objects());
      for (int o = 0; o < a.objects().size(); o++) {
        assertThat(Arrays.equals(a.objects().get(o).json(), b.objects().get(o).json()))
            .as("case %d object %d", i, o)
            .isTrue();
      }
    }
    assertThat(new SpecFuzzer(43).generate(7).objects().get(0).json())
        .isNotEqualTo(one.generate(7).objects().get(0).json());
  }

  @Test
  void everyCaseIsJsonAndEveryMutationIsUsedInAThousandCases() throws Exception {
    SpecFuzzer fuzzer = new SpecFuzzer(20261127L);
    Set<String> used = new HashSet<>();
    for (int i : IntStream.range(0, 1000).toArray()) {
      FuzzCase fuzzCase = fuzzer.generate(i);
      used.addAll(fuzzCase.mutations());
      for (FuzzCase.FuzzObject object : fuzzCase.objects()) {
        // Bytes that are not UTF-8 are deliberate; read byte for byte, the structure must still be
        // JSON.
        String text = new String(object.json(), StandardCharsets.ISO_8859_1);
        assertThat(LENIENT.readTree(text).isObject()).as(fuzzCase.describe()).isTrue();
        // Names carry the case number (in any case: a mutation may upper-case it), so none is
        // reused.
        assertThat(object.name())
            .as(fuzzCase.describe())
            .startsWithIgnoringCase("f%05d-".formatted(i));
      }
    }
    assertThat(used).containsAll(Mutations.ALL.stream().map(Mutation::name).toList());
  }

  @Test
  void deepNestingIsWrittenWithoutRecursion() {
    Object nested = "bottom";
    for (int i = 0; i < 100_000; i++) {
      nested = List.of(nested);
    }
    byte[] json = JsonText.write(nested);
    assertThat(json).hasSize(100_000 * 2 + "\"bottom\"".length());
  }

  @Test
  void unpairedSurrogatesAndControlCharactersAreEscaped() {
    assertThat(JsonText.quoted("a\u0000b")).isEqualTo("\"a\\u0000b\"");
    assertThat(JsonText.quoted("\uD800x")).isEqualTo("\"\\ud800x\"");
    assertThat(JsonText.quoted("🎬")).isEqualTo("\"🎬\"");
    assertThat(JsonText.quoted("say \"hi\"\\")).isEqualTo("\"say \\\"hi\\\"\\\\\"");
  }
}
