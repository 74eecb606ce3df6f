package io.stackpilot.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the test class that must run after every other one on the shared control plane, because it
 * judges what they all did (the API server's audit log of the whole run). The failsafe run orders
 * classes by {@code @Order} (see the pom), and {@link SuiteRecord} fails any class that starts
 * after this one, so a broken order shows up as a failure rather than as a quietly partial check.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface RunsLast {}
