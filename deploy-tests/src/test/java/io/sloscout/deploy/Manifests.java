package io.sloscout.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Rendered Kubernetes objects, with look-ups by kind and name. */
record Manifests(List<JsonNode> objects) {

  /** Kinds whose {@code spec.template.spec} is a pod spec. */
  static final Set<String> WORKLOADS = Set.of("Deployment", "DaemonSet", "StatefulSet", "Job");

  List<JsonNode> ofKind(String kind) {
    return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
  }

  Set<String> kinds() {
    Set<String> kinds = new TreeSet<>();
    objects.forEach(o -> kinds.add(o.path("kind").asText()));
    return kinds;
  }

  Set<String> names(String kind) {
    Set<String> names = new TreeSet<>();
    ofKind(kind).forEach(o -> names.add(name(o)));
    return names;
  }

  Optional<JsonNode> find(String kind, String name) {
    return ofKind(kind).stream().filter(o -> name.equals(name(o))).findFirst();
  }

  JsonNode get(String kind, String name) {
    return find(kind, name)
        .orElseThrow(
            () -> new AssertionError("no " + kind + " " + name + "; there are " + names(kind)));
  }

  /** The pod specs of every workload. */
  List<JsonNode> podSpecs() {
    List<JsonNode> specs = new ArrayList<>();
    objects.stream()
        .filter(o -> WORKLOADS.contains(o.path("kind").asText()))
        .forEach(o -> specs.add(o.path("spec").path("template").path("spec")));
    return specs;
  }

  /** Containers and init containers of every workload, each with where it is. */
  List<Container> containers() {
    List<Container> out = new ArrayList<>();
    for (JsonNode o : objects) {
      if (!WORKLOADS.contains(o.path("kind").asText())) {
        continue;
      }
      JsonNode spec = o.path("spec").path("template").path("spec");
      String where = o.path("kind").asText() + "/" + name(o);
      spec.path("initContainers").forEach(c -> out.add(new Container(where, true, c)));
      spec.path("containers").forEach(c -> out.add(new Container(where, false, c)));
    }
    return out;
  }

  /** The container {@code container} of the workload {@code kind}/{@code name}. */
  JsonNode container(String kind, String name, String container) {
    JsonNode spec = get(kind, name).path("spec").path("template").path("spec");
    for (String list : List.of("containers", "initContainers")) {
      for (JsonNode c : spec.path(list)) {
        if (container.equals(c.path("name").asText())) {
          return c;
        }
      }
    }
    throw new AssertionError("no container " + container + " in " + kind + "/" + name);
  }

  static String name(JsonNode o) {
    return o.path("metadata").path("name").asText();
  }

  /** The value of environment variable {@code name} of a container, if set as a plain value. */
  static Optional<String> env(JsonNode container, String name) {
    for (JsonNode e : container.path("env")) {
      if (name.equals(e.path("name").asText()) && e.has("value")) {
        return Optional.of(e.path("value").asText());
      }
    }
    return Optional.empty();
  }

  /** A container of a workload. */
  record Container(String workload, boolean init, JsonNode spec) {
    String name() {
      return spec.path("name").asText();
    }

    @Override
    public String toString() {
      return workload + (init ? " init container " : " container ") + name();
    }
  }
}
