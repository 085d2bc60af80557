package io.sloscout.cli;

import io.sloscout.core.redaction.HmacKey;
import io.sloscout.core.redaction.RedactionConfig;
import io.sloscout.core.redaction.RedactionResult;
import io.sloscout.core.redaction.Redactor;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slo-scout redact}: each input line with its PII replaced, line for line. */
@Command(
    name = "redact",
    mixinStandardHelpOptions = true,
    description = {
      "Replaces PII and secrets in each input line by typed placeholders (<EMAIL>, <IP>,"
          + " <CREDIT_CARD>, <PHONE>, <SSN>, <IBAN>, <JWT>, <AWS_KEY>, <TOKEN>, <SECRET>, <MAC>)"
          + " or, with --mode hmac, by keyed pseudonyms such as <EMAIL:5f2c1a9e0b> that stay the"
          + " same for the same value. One output line per input line; counts per type on stderr.",
      "",
      "The HMAC key comes from --hmac-key-file, else the config's hmacKey, else the environment"
          + " variable "
          + HmacKey.ENV
          + "; never from the command line.",
      "",
      "Exit codes: 0 done, 2 usage error, an unreadable input, an invalid config or a missing key."
    })
final class RedactCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--input",
      paramLabel = "FILE",
      description = "Text to redact, UTF-8. Default: standard input.")
  Path input;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Where the redacted lines go. Default: standard output.")
  Path out;

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      description =
          "placeholder or hmac. Default: the config's mode, else hmac when --hmac-key-file is"
              + " given, else placeholder.")
  String mode;

  @Option(
      names = "--hmac-key-file",
      paramLabel = "FILE",
      description = "File holding the HMAC key (at least 16 bytes); implies --mode hmac.")
  Path hmacKeyFile;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Redaction config (YAML): mode, hmacKey {env|file}, detectors, disabledDetectors,"
              + " allowKeys, secretKeyWords.")
  Path config;

  @Override
  public Integer call() throws IOException {
    Redactor redactor = new Redactor(config());
    Map<String, Integer> counts = new TreeMap<>();
    long lines = 0;
    long changed = 0;
    try (BufferedReader reader = open();
        Writer writer = output()) {
      String line;
      while ((line = reader.readLine()) != null) {
        RedactionResult r = redactor.redact(line);
        writer.write(r.text());
        writer.write('\n');
        lines++;
        if (r.redacted()) {
          changed++;
          r.counts().forEach((type, n) -> counts.merge(type, n, Integer::sum));
        }
      }
    }
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    StringBuilder summary =
        new StringBuilder("Redacted ")
            .append(SpecInputs.plural(total, "value"))
            .append(" in ")
            .append(changed)
            .append(" of ")
            .append(SpecInputs.plural((int) lines, "line"));
    if (!counts.isEmpty()) {
      summary.append(':');
      counts.forEach((type, n) -> summary.append(' ').append(type).append('=').append(n));
    }
    spec.commandLine().getErr().println(summary);
    return SloScoutCommand.OK;
  }

  private RedactionConfig config() {
    RedactionConfig base =
        config == null
            ? RedactionConfig.defaults()
            : RedactionConfig.fromYaml(existing(config, "--config"), System.getenv());
    String m = mode;
    if (m == null) {
      m = hmacKeyFile != null || base.hmacKey() != null ? "hmac" : "placeholder";
    }
    switch (m) {
      case "placeholder" -> {
        if (hmacKeyFile != null) {
          throw new InputException("--hmac-key-file only applies to --mode hmac");
        }
        return base.withPlaceholders();
      }
      case "hmac" -> {
        HmacKey key;
        if (hmacKeyFile != null) {
          key = HmacKey.fromFile(existing(hmacKeyFile, "--hmac-key-file"));
        } else if (base.hmacKey() != null) {
          key = base.hmacKey();
        } else {
          key = HmacKey.fromEnvironment(System.getenv(), HmacKey.ENV);
        }
        return base.withHmac(key);
      }
      default -> throw new InputException("--mode: expected placeholder or hmac (got '" + m + "')");
    }
  }

  private static Path existing(Path file, String option) {
    if (!Files.isRegularFile(file)) {
      throw new InputException(option + ": file " + file + " does not exist");
    }
    return file;
  }

  private BufferedReader open() throws IOException {
    InputStream in;
    if (input == null) {
      in = System.in;
    } else {
      try {
        in = Files.newInputStream(input);
      } catch (NoSuchFileException e) {
        throw new InputException("--input: file " + input + " does not exist");
      }
    }
    // An InputStreamReader replaces malformed bytes instead of failing the whole run.
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }

  private Writer output() throws IOException {
    if (out == null) {
      Writer w = spec.commandLine().getOut();
      // Standard output stays open for the rest of the process; flush instead of closing it.
      return new java.io.FilterWriter(w) {
        @Override
        public void close() throws IOException {
          flush();
        }
      };
    }
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new InputException("--out: folder " + parent + " does not exist");
    }
    return new BufferedWriter(
        new OutputStreamWriter(Files.newOutputStream(out), StandardCharsets.UTF_8), 1 << 16);
  }
}
