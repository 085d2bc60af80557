package io.sloscout.flink.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Checkpoints pending archive parts gzip-compressed: they wait in state until their commit. */
public final class ArchivePartSerializer implements SimpleVersionedSerializer<ArchivePart> {

  @Override
  public int getVersion() {
    return 1;
  }

  @Override
  public byte[] serialize(ArchivePart part) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
      out.writeUTF(part.service());
      out.writeLong(part.hourMillis());
      out.writeUTF(part.partId());
      out.writeInt(part.records().size());
      for (String r : part.records()) {
        byte[] utf8 = r.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
      }
    }
    return bytes.toByteArray();
  }

  @Override
  public ArchivePart deserialize(int version, byte[] serialized) throws IOException {
    if (version != 1) {
      throw new IOException("unknown archive part version " + version);
    }
    try (DataInputStream in =
        new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(serialized)))) {
      String service = in.readUTF();
      long hour = in.readLong();
      String partId = in.readUTF();
      int n = in.readInt();
      List<String> records = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        byte[] utf8 = new byte[in.readInt()];
        in.readFully(utf8);
        records.add(new String(utf8, StandardCharsets.UTF_8));
      }
      return new ArchivePart(service, hour, partId, records);
    }
  }
}
