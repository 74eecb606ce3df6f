package io.stackpilot.badinput;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Generates random and adversarial ServiceStacks and services from a seed. Case {@code i} depends
 * only on the seed and {@code i}, so any case can be generated again alone, in any order or thread:
 * {@code -Dstackpilot.fuzz.seed=S -Dstackpilot.fuzz.only=i}.
 */
final class SpecFuzzer {

  private final long seed;
  private final BaseSpecs bases = new BaseSpecs();

  SpecFuzzer(long seed) {
    this.seed = seed;
  }

  FuzzCase generate(int index) {
    Random random = new Random(seed * 1_000_003L + index);
    FuzzKind kind = kind(random);
    Draft draft = new Draft(kind, "f%05d-%s".formatted(index, kind.letter), bases, random);
    for (Mutation mutation : mutations(kind, random)) {
      if (mutation.apply().applyTo(draft)) {
        draft.mutations.add(mutation.name());
      }
    }
    List<FuzzCase.FuzzObject> objects = draft.objects().stream().map(FuzzCase::object).toList();
    return new FuzzCase(index, kind, objects, List.copyOf(draft.mutations), draft.expectInvalid);
  }

  private static FuzzKind kind(Random random) {
    int roll = random.nextInt(100);
    return roll < 15
        ? FuzzKind.STACK
        : roll < 55 ? FuzzKind.MEDIA : roll < 75 ? FuzzKind.SECURITY : FuzzKind.MONITORING;
  }

  /**
   * None one time in twenty (the base itself, which must be accepted and valid), else one to three
   * different ones, in stage order. Different, because a second dependency cycle through the same
   * object would break the first, and the case would no longer be what its expectation says.
   */
  private static List<Mutation> mutations(FuzzKind kind, Random random) {
    int roll = random.nextInt(100);
    int count = roll < 5 ? 0 : roll < 62 ? 1 : roll < 90 ? 2 : 3;
    List<Mutation> eligible =
        new ArrayList<>(Mutations.ALL.stream().filter(m -> m.appliesTo().test(kind)).toList());
    List<Mutation> chosen = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      chosen.add(eligible.remove(random.nextInt(eligible.size())));
    }
    chosen.sort(Comparator.comparing(Mutation::stage));
    return chosen;
  }
}
