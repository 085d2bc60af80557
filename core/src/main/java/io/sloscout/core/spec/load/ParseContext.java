package io.sloscout.core.spec.load;

import io.sloscout.core.spec.Diagnostic;
import io.sloscout.core.spec.Source.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What parsers share while a set of files loads: the findings, and every document loaded. */
public final class ParseContext {

  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private final List<YamlDocument> documents;

  public ParseContext(List<YamlDocument> documents) {
    this.documents = List.copyOf(documents);
  }

  /** Records an error about the field at {@code pointer} of {@code doc}. */
  public void error(YamlDocument doc, String pointer, String message) {
    Position pos = doc.positionOf(pointer);
    diagnostics.add(
        Diagnostic.error(doc.file(), pos.line(), pos.column(), doc.fieldPath(pointer), message));
  }

  /** Records a warning about the field at {@code pointer} of {@code doc}. */
  public void warning(YamlDocument doc, String pointer, String message) {
    Position pos = doc.positionOf(pointer);
    diagnostics.add(
        Diagnostic.warning(doc.file(), pos.line(), pos.column(), doc.fieldPath(pointer), message));
  }

  public void add(Diagnostic diagnostic) {
    diagnostics.add(diagnostic);
  }

  public List<Diagnostic> diagnostics() {
    return List.copyOf(diagnostics);
  }

  /** Every document loaded, in load order. */
  public List<YamlDocument> documents() {
    return documents;
  }

  /**
   * The document with the given apiVersion, kind and {@code metadata.name}, for references such as
   * OpenSLO's {@code indicatorRef}.
   */
  public Optional<YamlDocument> find(String apiVersion, String kind, String name) {
    return documents.stream()
        .filter(d -> d.apiVersion().equals(apiVersion) && d.kind().equals(kind))
        .filter(d -> d.root().path("metadata").path("name").asText("").equals(name))
        .findFirst();
  }
}
