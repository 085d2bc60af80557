package io.sloscout.collectors.remoteread;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sloscout.proto.prompb.ChunkedReadResponse;
import io.sloscout.proto.prompb.ChunkedSeries;
import io.sloscout.proto.prompb.Label;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class ChunkedFrameReaderTest {

  @Test
  void readsEveryFrameUntilTheStreamEndsBetweenFrames() throws Exception {
    ChunkedReadResponse first = response("a", 0);
    ChunkedReadResponse second = response("b", 1);
    ChunkedFrameReader reader =
        reader(concat(frame(first.toByteArray()), frame(second.toByteArray())));
    assertThat(reader.next()).isEqualTo(first);
    assertThat(reader.next()).isEqualTo(second);
    assertThat(reader.next()).isNull();
  }

  @Test
  void aFrameWhoseCrcDoesNotMatchItsDataIsAClearError() {
    byte[] good = frame(response("a", 0).toByteArray());
    byte[] bad = frame(response("b", 0).toByteArray());
    bad[bad.length - 1] ^= 1;
    assertThatThrownBy(() -> readAll(concat(good, bad)))
        .isInstanceOf(RemoteReadException.class)
        .hasMessageContaining("frame 2")
        .hasMessageContaining("CRC32C mismatch");
  }

  @Test
  void aStreamThatEndsInsideAFrameIsAnError() {
    byte[] frame = frame(response("a", 0).toByteArray());
    assertThatThrownBy(() -> readAll(Arrays.copyOf(frame, frame.length - 3)))
        .hasMessageContaining("frame 1")
        .hasMessageContaining("stream ends after");
    assertThatThrownBy(() -> readAll(Arrays.copyOf(frame, 3)))
        .hasMessageContaining("stream ends inside the CRC32C");
    assertThatThrownBy(() -> readAll(new byte[] {(byte) 0x80}))
        .hasMessageContaining("stream ends inside the frame length");
  }

  @Test
  void aFrameLargerThanTheLimitIsRefusedBeforeReadingIt() {
    byte[] frame = frame(new byte[100]);
    assertThatThrownBy(() -> new ChunkedFrameReader(new ByteArrayInputStream(frame), 99).next())
        .hasMessageContaining("larger than the limit of 99");
  }

  @Test
  void dataWithAGoodCrcThatIsNotAChunkedReadResponseIsAnError() {
    assertThatThrownBy(() -> readAll(frame(new byte[] {(byte) 0xff, (byte) 0xff, 0x7f})))
        .hasMessageContaining("not a ChunkedReadResponse");
  }

  @Test
  void aPlainTextErrorWhereFramesShouldBeIsAnError() {
    // what a server writes when it fails after the streamed answer began
    assertThatThrownBy(() -> readAll("context deadline exceeded\n".getBytes()))
        .isInstanceOf(RemoteReadException.class)
        .hasMessageContaining("frame 1");
  }

  private static ChunkedReadResponse response(String name, int queryIndex) {
    return ChunkedReadResponse.newBuilder()
        .setQueryIndex(queryIndex)
        .addChunkedSeries(
            ChunkedSeries.newBuilder()
                .addLabels(Label.newBuilder().setName("__name__").setValue(name)))
        .build();
  }

  static byte[] frame(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long length = data.length;
    while (length >= 0x80) {
      out.write((int) (length & 0x7f) | 0x80);
      length >>>= 7;
    }
    out.write((int) length);
    CRC32C crc = new CRC32C();
    crc.update(data);
    long value = crc.getValue();
    out.write((int) (value >>> 24));
    out.write((int) (value >>> 16));
    out.write((int) (value >>> 8));
    out.write((int) value);
    out.writeBytes(data);
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static ChunkedFrameReader reader(byte[] bytes) {
    return new ChunkedFrameReader(new ByteArrayInputStream(bytes), 1 << 20);
  }

  private static void readAll(byte[] bytes) throws Exception {
    ChunkedFrameReader reader = reader(bytes);
    while (reader.next() != null) {
      // drain
    }
  }
}
