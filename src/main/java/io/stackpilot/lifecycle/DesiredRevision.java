package io.stackpilot.lifecycle;

/** What the spec asks to run: a revision of the pod template, its channel, image and scale. */
public record DesiredRevision(String revision, String channel, String image, int replicas) {}
