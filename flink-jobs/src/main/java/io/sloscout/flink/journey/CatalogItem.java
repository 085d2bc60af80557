package io.sloscout.flink.journey;

import io.sloscout.flink.typeinfo.ValueSerializer;
import io.sloscout.flink.typeinfo.ValueTypeInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A row of the discovery catalog as a trace saw it: a service, an operation, a journey or a call
 * edge. {@link CatalogFunction} merges the sightings of one row into its running state.
 *
 * @param kind what the row is
 * @param journeyId the journey (JOURNEY, EDGE), else empty
 * @param name the journey's name (JOURNEY), else empty
 * @param service the service (SERVICE, OPERATION), the journey's entry service (JOURNEY) or the
 *     caller (EDGE)
 * @param operation the operation (OPERATION), the entry operation (JOURNEY) or the caller's (EDGE)
 * @param toService the callee (EDGE), else empty
 * @param toOperation the callee's operation (EDGE), else empty
 * @param spanKind the span kind of an OPERATION, lower case, else empty
 * @param services the services a JOURNEY touched, sorted
 * @param calls calls (EDGE), else 0
 * @param firstSeenMillis the earliest sighting
 * @param lastSeenMillis the latest sighting
 */
public record CatalogItem(
    Kind kind,
    String journeyId,
    String name,
    String service,
    String operation,
    String toService,
    String toOperation,
    String spanKind,
    List<String> services,
    long calls,
    long firstSeenMillis,
    long lastSeenMillis) {

  /** The type information of catalog items in a Flink stream. */
  public static final TypeInformation<CatalogItem> TYPE =
      new ValueTypeInfo<>(CatalogItem.class, Serializer.INSTANCE);

  /** What a catalog row is. */
  public enum Kind {
    SERVICE,
    OPERATION,
    JOURNEY,
    EDGE
  }

  public CatalogItem {
    Objects.requireNonNull(kind, "kind");
    services = List.copyOf(services);
  }

  static CatalogItem service(String service, long millis) {
    return new CatalogItem(
        Kind.SERVICE, "", "", service, "", "", "", "", List.of(), 0, millis, millis);
  }

  static CatalogItem operation(String service, String operation, String spanKind, long millis) {
    return new CatalogItem(
        Kind.OPERATION, "", "", service, operation, "", "", spanKind, List.of(), 0, millis, millis);
  }

  static CatalogItem journey(
      String id,
      String name,
      String service,
      String operation,
      List<String> services,
      long millis) {
    return new CatalogItem(
        Kind.JOURNEY, id, name, service, operation, "", "", "", services, 0, millis, millis);
  }

  static CatalogItem edge(
      String journeyId,
      String from,
      String fromOperation,
      String to,
      String toOperation,
      long calls,
      long millis) {
    return new CatalogItem(
        Kind.EDGE,
        journeyId,
        "",
        from,
        fromOperation,
        to,
        toOperation,
        "",
        List.of(),
        calls,
        millis,
        millis);
  }

  /** The identity of the row: sightings with the same key merge. */
  public String key() {
    return String.join(
        "\u0000", kind.name(), journeyId, service, operation, toService, toOperation, spanKind);
  }

  /** This row merged with a later sighting of it: seen-times widened, services and calls added. */
  public CatalogItem merge(CatalogItem other) {
    TreeSet<String> all = new TreeSet<>(services);
    all.addAll(other.services);
    return new CatalogItem(
        kind,
        journeyId,
        other.name.isEmpty() ? name : other.name,
        service,
        operation,
        toService,
        toOperation,
        spanKind,
        new ArrayList<>(all),
        calls + other.calls,
        Math.min(firstSeenMillis, other.firstSeenMillis),
        Math.max(lastSeenMillis, other.lastSeenMillis));
  }

  /** Serializes catalog items. */
  public static final class Serializer extends ValueSerializer<CatalogItem> {
    private static final long serialVersionUID = 1L;
    static final Serializer INSTANCE = new Serializer();
    private static final Kind[] KINDS = Kind.values();

    @Override
    public boolean isImmutableType() {
      return true;
    }

    @Override
    protected void write(CatalogItem c, DataOutputView out) throws IOException {
      out.writeByte(c.kind.ordinal());
      writeString(c.journeyId, out);
      writeString(c.name, out);
      writeString(c.service, out);
      writeString(c.operation, out);
      writeString(c.toService, out);
      writeString(c.toOperation, out);
      writeString(c.spanKind, out);
      out.writeInt(c.services.size());
      for (String s : c.services) {
        writeString(s, out);
      }
      out.writeLong(c.calls);
      out.writeLong(c.firstSeenMillis);
      out.writeLong(c.lastSeenMillis);
    }

    @Override
    protected CatalogItem read(DataInputView in) throws IOException {
      Kind kind = KINDS[in.readByte()];
      String journeyId = readString(in);
      String name = readString(in);
      String service = readString(in);
      String operation = readString(in);
      String toService = readString(in);
      String toOperation = readString(in);
      String spanKind = readString(in);
      int n = in.readInt();
      List<String> services = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        services.add(readString(in));
      }
      return new CatalogItem(
          kind,
          journeyId,
          name,
          service,
          operation,
          toService,
          toOperation,
          spanKind,
          services,
          in.readLong(),
          in.readLong(),
          in.readLong());
    }

    @Override
    public TypeSerializerSnapshot<CatalogItem> snapshotConfiguration() {
      return new Snapshot();
    }

    /** Snapshot of this stateless serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<CatalogItem> {
      public Snapshot() {
        super(() -> INSTANCE);
      }
    }
  }
}
