package io.sloscout.flink.fingerprint;

import io.sloscout.core.fingerprint.MinerConfig;
import io.sloscout.core.fingerprint.Snapshot;
import io.sloscout.core.fingerprint.Template;
import io.sloscout.core.fingerprint.TemplateMiner;
import io.sloscout.flink.typeinfo.ValueSerializer;
import io.sloscout.flink.typeinfo.ValueTypeInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Checkpoints a {@link TemplateMiner} as its {@link Snapshot}: a restored miner hands out the same
 * ids and templates, so template ids survive a restore.
 */
public final class TemplateMinerSerializer extends ValueSerializer<TemplateMiner> {

  private static final long serialVersionUID = 1L;

  public static final TemplateMinerSerializer INSTANCE = new TemplateMinerSerializer();

  /** The type information of miners in keyed state. */
  public static final TypeInformation<TemplateMiner> TYPE =
      new ValueTypeInfo<>(TemplateMiner.class, INSTANCE);

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  protected TemplateMiner deepCopy(TemplateMiner from) {
    return TemplateMiner.restore(from.snapshot());
  }

  @Override
  protected void write(TemplateMiner miner, DataOutputView out) throws IOException {
    Snapshot snapshot = miner.snapshot();
    MinerConfig c = snapshot.config();
    out.writeInt(c.maxClusters());
    out.writeInt(c.maxTokens());
    out.writeInt(c.maxMessageChars());
    out.writeDouble(c.similarity());
    out.writeInt(snapshot.clusters().size());
    for (Template t : snapshot.clusters()) {
      out.writeUTF(t.id());
      writeString(t.template(), out);
      out.writeLong(t.count());
    }
  }

  @Override
  protected TemplateMiner read(DataInputView in) throws IOException {
    MinerConfig config = new MinerConfig(in.readInt(), in.readInt(), in.readInt(), in.readDouble());
    int n = in.readInt();
    List<Template> clusters = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      clusters.add(new Template(in.readUTF(), readString(in), in.readLong()));
    }
    return TemplateMiner.restore(new Snapshot(config, clusters));
  }

  @Override
  public TypeSerializerSnapshot<TemplateMiner> snapshotConfiguration() {
    return new Snapshot2();
  }

  /** Snapshot of this stateless serializer. */
  public static final class Snapshot2 extends SimpleTypeSerializerSnapshot<TemplateMiner> {
    public Snapshot2() {
      super(() -> INSTANCE);
    }
  }
}
