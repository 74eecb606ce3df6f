package io.stackpilot.api;

/**
 * The file a monitoring role renders from the stack around it, where its app reads it, and the
 * field that sets that path.
 *
 * @param field the field a user writes to move it, e.g. spec.monitoring.scrape.configPath
 * @param path the absolute path it is mounted at
 */
public record RoleFile(String field, String path) {}
