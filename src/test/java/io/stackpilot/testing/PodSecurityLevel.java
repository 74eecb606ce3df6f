package io.stackpilot.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Locale;

/**
 * The Pod Security level a test's namespace enforces ({@code pod-security.kubernetes.io/enforce}).
 * Without it every test namespace enforces {@code restricted}, so each pod Stackpilot renders for a
 * Restricted service must pass the real admission plugin. A test that deliberately runs pods of a
 * less strict profile (the homelab's Baseline media services, plain pods) says so with this, on the
 * method or the class.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface PodSecurityLevel {

  Level value();

  enum Level {
    RESTRICTED,
    BASELINE,
    PRIVILEGED;

    /** The label value the admission plugin reads. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
