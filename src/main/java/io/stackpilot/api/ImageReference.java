package io.stackpilot.api;

/** How an image is written in a spec: a repository with a tag, a digest, or both. */
public final class ImageReference {

  /** The syntax the CRDs hold every image field to, and the operator's checks of image maps. */
  public static final String PATTERN =
      "^[a-z0-9]([a-z0-9._/:-]*[a-z0-9])?(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$";

  private ImageReference() {}
}
