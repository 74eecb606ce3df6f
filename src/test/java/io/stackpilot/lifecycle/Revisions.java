package io.stackpilot.lifecycle;

/**
 * Revisions and images the recovery tests play with. Real revisions are 10 hex digits; these say
 * what they are so a failing assertion reads as a story. None contains '.', like real ones, because
 * the retry annotation separates the revision from a suffix at the first dot.
 */
final class Revisions {

  static final String GOOD = "rev-good";
  static final String GOOD_IMAGE = "lscr.io/linuxserver/sonarr:4.0.14";

  static final String CRASHING = "rev-crashing";
  static final String CRASHING_IMAGE = "lscr.io/linuxserver/sonarr:4.0.15-crashloop";

  static final String UNPULLABLE = "rev-unpullable";
  static final String UNPULLABLE_IMAGE = "lscr.io/linuxserver/sonarr:4.0.99-badpull";

  static final String FIXED = "rev-fixed";
  static final String FIXED_IMAGE = "lscr.io/linuxserver/sonarr:4.0.16";

  private Revisions() {}
}
