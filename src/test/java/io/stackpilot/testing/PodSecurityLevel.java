package io.stackpilot.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Locale;

/**
 * The Pod Security level a test's namespace enforces ({@code pod-security.kubernetes.io/enforce}).
 * Without it every test namespace enforces {@code baseline}, the level the default profiles need
 * (media services start as root under StartsAsRoot), so each pod Stackpilot renders by default must
 * pass the real admission plugin. A test whose services all run Restricted enforces {@code
 * restricted} with this, on the method or the class, to show those pods pass it; plain pods that
 * need more say {@code privileged}.
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
