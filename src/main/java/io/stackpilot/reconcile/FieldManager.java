package io.stackpilot.reconcile;

/** The server-side apply field manager of every write Stackpilot makes. */
public final class FieldManager {

  public static final String NAME = "stackpilot";

  private FieldManager() {}
}
