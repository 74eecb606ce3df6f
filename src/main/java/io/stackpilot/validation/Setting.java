package io.stackpilot.validation;

/**
 * A setting's value and where it came from, so that a message can point at the field to change.
 *
 * @param source the field that set it, e.g. {@code spec.recovery.failureWindow} or {@code
 *     ServiceStack home spec.base.recovery.failureWindow}, or "the built-in default"
 * @param own whether the object being validated set it (rather than a layer below it); checks
 *     report a problem only on the object that can fix it
 */
record Setting<T>(T value, String source, boolean own) {

  static final String BUILT_IN = "the built-in default";

  static <T> Setting<T> own(T value, String field) {
    return new Setting<>(value, field, true);
  }

  static <T> Setting<T> inherited(T value, String source) {
    return new Setting<>(value, source, false);
  }

  static <T> Setting<T> builtIn(T value) {
    return new Setting<>(value, BUILT_IN, false);
  }
}
