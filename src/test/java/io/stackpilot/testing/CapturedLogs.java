package io.stackpilot.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Everything logged in this JVM while open, as the operator logs in a cluster: each event encoded
 * by the JSON encoder of logback-json.xml. At that file's levels (the test configuration keeps the
 * operator framework quieter), with our own code at DEBUG so nothing Stackpilot says is missed; or,
 * stricter, with the operator framework at DEBUG too, as when someone troubleshoots. An in-JVM
 * operator's log is what this captures; closing it puts the levels back.
 */
public final class CapturedLogs extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  private static final Map<String, Level> PRODUCTION_LEVELS =
      Map.of(
          "io.javaoperatorsdk", Level.INFO,
          "io.fabric8", Level.WARN,
          "io.stackpilot", Level.DEBUG);
  private static final Map<String, Level> DEBUG_LEVELS =
      Map.of(
          "io.javaoperatorsdk", Level.DEBUG,
          "io.fabric8", Level.WARN,
          "io.stackpilot", Level.DEBUG);

  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final JsonEncoder encoder = new JsonEncoder();
  private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Map<String, Level> previousLevels = new HashMap<>();

  /** At the levels of logback-json.xml, with Stackpilot's own code at DEBUG. */
  public static CapturedLogs atProductionLevels() {
    return new CapturedLogs(PRODUCTION_LEVELS);
  }

  /** With the operator framework at DEBUG too. */
  public static CapturedLogs atDebugLevel() {
    return new CapturedLogs(DEBUG_LEVELS);
  }

  private CapturedLogs(Map<String, Level> levels) {
    setContext(context);
    setName("captured-logs");
    encoder.setContext(context);
    encoder.setWithSequenceNumber(false);
    encoder.setWithNanoseconds(false);
    encoder.setWithContext(false);
    encoder.setWithArguments(false);
    encoder.start();
    start();
    levels.forEach(
        (name, level) -> {
          Logger logger = context.getLogger(name);
          previousLevels.put(name, logger.getLevel());
          logger.setLevel(level);
        });
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(this);
  }

  @Override
  protected void append(ILoggingEvent event) {
    event.prepareForDeferredProcessing();
    events.add(event);
    lines.add(new String(encoder.encode(event), StandardCharsets.UTF_8));
  }

  /** The log as JSON lines, exactly as the operator would write them to its output. */
  public List<String> lines() {
    return new ArrayList<>(lines);
  }

  public List<ILoggingEvent> events() {
    return new ArrayList<>(events);
  }

  @Override
  public void close() {
    context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
    previousLevels.forEach((name, level) -> context.getLogger(name).setLevel(level));
    stop();
    encoder.stop();
  }
}
