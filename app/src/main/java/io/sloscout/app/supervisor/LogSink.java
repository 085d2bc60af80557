package io.sloscout.app.supervisor;

import io.sloscout.core.redaction.Redactor;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The supervisor's one log stream: each line goes to the console prefixed with its component
 * ({@code [kafka] ...}) and, when a log folder is set, to {@code <folder>/<component>.log}.
 *
 * <p>Every line is redacted before it is written anywhere: log files are a store like any other,
 * and a component that logs a raw payload (an exception quoting a record, a debug line) must not
 * put PII into the data directory. Terminal escape codes are dropped too.
 */
public final class LogSink implements AutoCloseable {

  private static final Pattern ESCAPES = Pattern.compile("\u001b\\[[0-9;?]*[A-Za-z]");
  private static final Pattern TRAILING_BREAKS = Pattern.compile("[\r\n]+$");
  private static final int PREFIX_WIDTH = 12;
  private static final Pattern LOCAL_ADDRESS =
      Pattern.compile("(?<![0-9.])(?:127\\.0\\.0\\.1|0\\.0\\.0\\.0)(?![0-9]|\\.[0-9])");
  // characters no detector matches, standing in for the local addresses while redacting
  private static final String MASK_LOOPBACK = "\u2983lo\u2984";
  private static final String MASK_ANY = "\u2983any\u2984";

  private final PrintStream console;
  private final Optional<Path> folder;
  private final Redactor redactor;
  private final Map<String, BufferedWriter> files = new HashMap<>();
  private boolean closed;

  /**
   * A sink writing to {@code console}, and to files in {@code folder} when present.
   *
   * @param redactor applied to every line before it is written
   */
  public LogSink(PrintStream console, Optional<Path> folder, Redactor redactor) {
    this.console = console;
    this.folder = folder;
    this.redactor = redactor;
  }

  /** A sink on the console only, redacting with the built-in detectors. */
  public static LogSink console(PrintStream console) {
    return new LogSink(console, Optional.empty(), Redactor.withDefaults());
  }

  /** Writes one line (or several, split on line breaks) of {@code component}. */
  public void line(String component, String text) {
    writeCleaned(component, clean(text));
  }

  /** Writes text that already went through {@link #clean}. */
  void writeCleaned(String component, String cleaned) {
    String clean = TRAILING_BREAKS.matcher(cleaned).replaceAll("");
    synchronized (this) {
      for (String line : clean.split("\r?\n", -1)) {
        console.println(prefix(component) + line);
        writeFile(component, line);
      }
      console.flush();
    }
  }

  /**
   * What {@link #line} would write for {@code text}, without the prefix: redacted and clean. The
   * loopback and wildcard addresses every local server logs are kept: they say where to connect and
   * are nobody's personal data.
   */
  public String clean(String text) {
    String plain = ESCAPES.matcher(text == null ? "" : text).replaceAll("");
    String masked = LOCAL_ADDRESS.matcher(plain).replaceAll(m -> masks(m.group()));
    String redacted = redactor.redactText(masked);
    return redacted == masked
        ? plain
        : redacted.replace(MASK_LOOPBACK, "127.0.0.1").replace(MASK_ANY, "0.0.0.0");
  }

  private static String masks(String address) {
    return address.equals("127.0.0.1") ? MASK_LOOPBACK : MASK_ANY;
  }

  /** {@code [component]} padded so that messages line up. */
  static String prefix(String component) {
    StringBuilder sb = new StringBuilder().append('[').append(component).append(']');
    while (sb.length() < PREFIX_WIDTH) {
      sb.append(' ');
    }
    return sb.append(' ').toString();
  }

  private void writeFile(String component, String line) {
    if (folder.isEmpty() || closed) {
      return;
    }
    try {
      BufferedWriter w = files.get(component);
      if (w == null) {
        Files.createDirectories(folder.get());
        w =
            Files.newBufferedWriter(
                folder.get().resolve(component + ".log"),
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        files.put(component, w);
      }
      w.write(line);
      w.newLine();
      w.flush();
    } catch (IOException e) {
      // the console still has the line; a full disk must not stop the stack
      console.println(prefix("up") + "cannot write the " + component + " log: " + e.getMessage());
    }
  }

  /** Closes the log files; later lines go to the console only. */
  @Override
  public synchronized void close() {
    closed = true;
    for (BufferedWriter w : files.values()) {
      try {
        w.close();
      } catch (IOException e) {
        // nothing left to tell: the console has every line
      }
    }
    files.clear();
  }
}
