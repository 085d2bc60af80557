package io.sloscout.collectors.remoteread;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class XorChunkDecoderTest {

  /** A decoded sample, its value as raw bits so NaN payloads and -0.0 compare exactly. */
  private record Decoded(long timestampMs, long valueBits) {
    static Decoded of(long timestampMs, double value) {
      return new Decoded(timestampMs, Double.doubleToRawLongBits(value));
    }
  }

  @Test
  void decodesTheChunksPrometheusSentForSamplesPushedIntoIt() throws Exception {
    Map<String, List<Decoded>> decoded = new LinkedHashMap<>();
    Map<String, List<Decoded>> pushed = new LinkedHashMap<>();
    for (String line : golden()) {
      String[] f = line.split(" ");
      if (f[0].equals("chunk")) {
        assertThat(f[2]).isEqualTo("XOR");
        decoded
            .computeIfAbsent(f[1], k -> new ArrayList<>())
            .addAll(decode(HexFormat.of().parseHex(f[3])));
      } else if (f[0].equals("sample")) {
        pushed
            .computeIfAbsent(f[1], k -> new ArrayList<>())
            .add(new Decoded(Long.parseLong(f[2]), Long.parseUnsignedLong(f[3], 16)));
      }
    }
    assertThat(decoded.keySet()).containsExactlyInAnyOrder("golden_gauge", "golden_counter");
    assertThat(decoded.get("golden_gauge")).hasSize(18).isEqualTo(pushed.get("golden_gauge"));
    assertThat(decoded.get("golden_counter")).hasSize(150).isEqualTo(pushed.get("golden_counter"));
  }

  @Test
  void aChunkWhoseHeaderSaysZeroHasNoSamples() throws Exception {
    assertThat(decode(new byte[] {0, 0})).isEmpty();
  }

  @Test
  void theFirstSampleIsAZigZagVarintTimestampAndTheRawValueBits() throws Exception {
    byte[] chunk = ChunkBits.withCount(1).varint(-5).value(2.5).toBytes();
    // -5 zig-zags to 9: one varint byte
    assertThat(chunk).hasSize(2 + 1 + 8);
    assertThat(decode(chunk)).containsExactly(Decoded.of(-5, 2.5));
  }

  @Test
  void theSecondSampleIsAnUnsignedDeltaAndAValueXorWithANewWindow() throws Exception {
    // 1.0 = 0x3ff0..., 3.0 = 0x4008...: XOR 0x7ff8000000000000, 1 leading zero, 51 trailing,
    // 12 significant bits
    byte[] chunk =
        ChunkBits.withCount(2)
            .varint(1_000)
            .value(1.0)
            .uvarint(15_000)
            .bits("11")
            .bits(1, 5)
            .bits(12, 6)
            .bits(0xfff, 12)
            .toBytes();
    assertThat(decode(chunk)).containsExactly(Decoded.of(1_000, 1.0), Decoded.of(16_000, 3.0));
  }

  @ParameterizedTest(name = "delta of delta {0} behind prefix {1} + {2} bits")
  @CsvSource({
    "0, 0, 0",
    "1, 10, 14",
    "-1, 10, 14",
    "8192, 10, 14",
    "-8191, 10, 14",
    "8193, 110, 17",
    "-8192, 110, 17",
    "65536, 110, 17",
    "-65535, 110, 17",
    "65537, 1110, 20",
    "524288, 1110, 20",
    "-524287, 1110, 20",
    "524289, 1111, 64",
    "-524288, 1111, 64",
    "-3000000000, 1111, 64",
  })
  void laterTimestampsAreDeltasOfDeltasInFourWidths(long dod, String prefix, int width)
      throws Exception {
    ChunkBits bits =
        ChunkBits.withCount(3).varint(10_000_000).value(7).uvarint(1_000_000).bits("0");
    bits.bits(prefix);
    if (width > 0) {
      bits.bits(dod, width);
    }
    byte[] chunk = bits.bits("0").toBytes();
    assertThat(decode(chunk))
        .containsExactly(
            Decoded.of(10_000_000, 7), Decoded.of(11_000_000, 7), Decoded.of(12_000_000 + dod, 7));
  }

  @Test
  void aValueMayReuseThePreviousLeadingAndTrailingZeroWindow() throws Exception {
    byte[] chunk =
        ChunkBits.withCount(3)
            .varint(0)
            .value(1.0)
            .uvarint(1)
            .bits("11")
            .bits(1, 5)
            .bits(12, 6)
            .bits(0xfff, 12)
            .bits("0") // same delta
            .bits("10")
            .bits(0xfff, 12) // 3.0 XOR the same pattern is 1.0 again
            .toBytes();
    assertThat(decode(chunk))
        .containsExactly(Decoded.of(0, 1.0), Decoded.of(1, 3.0), Decoded.of(2, 1.0));
  }

  @Test
  void sixtyFourSignificantBitsAreWrittenAsZero() throws Exception {
    long other = 0x8000000000000001L;
    byte[] chunk =
        ChunkBits.withCount(2)
            .varint(0)
            .value(0.0)
            .uvarint(1)
            .bits("11")
            .bits(0, 5)
            .bits(0, 6)
            .bits(other, 64)
            .toBytes();
    assertThat(decode(chunk)).containsExactly(Decoded.of(0, 0.0), new Decoded(1, other));
  }

  @Test
  void aChunkThatEndsBeforeItsLastSampleIsReportedWithTheSample() {
    // (a chunk cut inside the last byte cannot be told from zero padding: 0 bits decode as
    // "same delta, same value", so the header's count is what ends a chunk)
    byte[] chunk = ChunkBits.withCount(3).varint(0).value(1).toBytes();
    assertThatThrownBy(() -> decode(chunk))
        .isInstanceOf(RemoteReadException.class)
        .hasMessageContaining("sample 2 of 3")
        .hasMessageContaining("ends early");
  }

  @Test
  void reusingAWindowBeforeAnyWasSetIsCorrupt() {
    byte[] chunk = ChunkBits.withCount(2).varint(0).value(1).uvarint(1).bits("10").toBytes();
    assertThatThrownBy(() -> decode(chunk))
        .isInstanceOf(RemoteReadException.class)
        .hasMessageContaining("sample 2 of 2")
        .hasMessageContaining("before any was set");
  }

  @Test
  void aWindowWiderThanSixtyFourBitsIsCorrupt() {
    byte[] chunk =
        ChunkBits.withCount(2)
            .varint(0)
            .value(1)
            .uvarint(1)
            .bits("11")
            .bits(31, 5)
            .bits(40, 6)
            .bits(0, 40)
            .toBytes();
    assertThatThrownBy(() -> decode(chunk)).hasMessageContaining("exceed 64");
  }

  @Test
  void aChunkWithoutItsTwoByteHeaderIsCorrupt() {
    assertThatThrownBy(() -> decode(new byte[] {1}))
        .isInstanceOf(RemoteReadException.class)
        .hasMessageContaining("no 2-byte sample count");
  }

  @Test
  void randomSeriesSurviveTheReferenceEncoderAndTheDecoder() throws Exception {
    Random random = new Random(42);
    for (int round = 0; round < 500; round++) {
      int n = 1 + random.nextInt(240);
      long[] t = new long[n];
      double[] v = new double[n];
      long time = random.nextLong() >> 20;
      double value = random.nextGaussian() * 1000;
      for (int i = 0; i < n; i++) {
        time +=
            switch (random.nextInt(4)) {
              case 0 -> 15_000;
              case 1 -> 1 + random.nextInt(10);
              case 2 -> random.nextInt(1_000_000);
              default -> random.nextInt(Integer.MAX_VALUE);
            };
        value =
            switch (random.nextInt(6)) {
              case 0 -> value;
              case 1 -> value + 1;
              case 2 -> Double.longBitsToDouble(random.nextLong());
              case 3 -> Math.round(random.nextGaussian() * 100);
              case 4 -> value * (1 + random.nextGaussian() * 1e-9);
              default -> random.nextBoolean() ? Double.NaN : -0.0;
            };
        t[i] = time;
        v[i] = value;
      }
      List<Decoded> expected = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        expected.add(Decoded.of(t[i], v[i]));
      }
      assertThat(decode(ChunkBits.encode(t, v))).as("round %d", round).isEqualTo(expected);
    }
  }

  private static List<Decoded> decode(byte[] chunk) throws RemoteReadException {
    List<Decoded> out = new ArrayList<>();
    int count = XorChunkDecoder.decode(chunk, (t, v) -> out.add(Decoded.of(t, v)));
    assertThat(count).isEqualTo(out.size());
    return out;
  }

  private static List<String> golden() throws IOException {
    try (InputStream in =
        XorChunkDecoderTest.class.getResourceAsStream("prometheus-2.42-xor-chunks.txt")) {
      assertThat(in).as("golden chunk file").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .toList();
    }
  }
}
