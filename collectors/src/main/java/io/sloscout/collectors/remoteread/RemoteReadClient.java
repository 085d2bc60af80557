package io.sloscout.collectors.remoteread;

import com.google.protobuf.InvalidProtocolBufferException;
import io.sloscout.collectors.remoteread.RemoteReadException.Kind;
import io.sloscout.proto.prompb.Chunk;
import io.sloscout.proto.prompb.ChunkedReadResponse;
import io.sloscout.proto.prompb.ChunkedSeries;
import io.sloscout.proto.prompb.Label;
import io.sloscout.proto.prompb.Query;
import io.sloscout.proto.prompb.QueryResult;
import io.sloscout.proto.prompb.ReadRequest;
import io.sloscout.proto.prompb.ReadResponse;
import io.sloscout.proto.prompb.Sample;
import io.sloscout.proto.prompb.TimeSeries;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.xerial.snappy.Snappy;

/**
 * One remote-read call over HTTP: a snappy-compressed {@code ReadRequest} out, series with their
 * samples in each query's time range back, from either response type.
 */
final class RemoteReadClient {

  static final String STREAMED_MEDIA_TYPE = "application/x-streamed-protobuf";
  static final String STREAMED_PROTO = "proto=prometheus.ChunkedReadResponse";
  static final String PROTOBUF_MEDIA_TYPE = "application/x-protobuf";
  static final String USER_AGENT = "slo-scout-collector/remote-read";

  /** Largest SAMPLES body, compressed or not, this client accepts. */
  static final int MAX_BODY_BYTES = 512 * 1024 * 1024;

  /** Largest frame; Prometheus cuts frames near 1 MiB, but one long series can exceed that. */
  static final int MAX_FRAME_BYTES = 64 * 1024 * 1024;

  private static final int ERROR_BODY_CHARS = 512;

  /** What a read brought back: the response type the server used and the series it sent. */
  record Result(ResponseFormat format, List<SeriesSamples> series, int skippedChunks) {
    long samples() {
      long n = 0;
      for (SeriesSamples s : series) {
        n += s.size();
      }
      return n;
    }
  }

  private final HttpClient http;
  private final Duration requestTimeout;

  RemoteReadClient(HttpClient http, Duration requestTimeout) {
    this.http = http;
    this.requestTimeout = requestTimeout;
  }

  /**
   * Sends {@code queries}, asking for {@code format} first ({@link
   * ResponseFormat#STREAMED_XOR_CHUNKS} also accepts SAMPLES), and decodes whichever type the
   * server answered with. A series several queries select is returned once.
   */
  Result read(URI url, Optional<String> bearerToken, List<Query> queries, ResponseFormat format)
      throws RemoteReadException, InterruptedException {
    ReadRequest.Builder request = ReadRequest.newBuilder().addAllQueries(queries);
    if (format == ResponseFormat.STREAMED_XOR_CHUNKS) {
      request.addAcceptedResponseTypes(ReadRequest.ResponseType.STREAMED_XOR_CHUNKS);
    }
    request.addAcceptedResponseTypes(ReadRequest.ResponseType.SAMPLES);
    byte[] body;
    try {
      body = Snappy.compress(request.build().toByteArray());
    } catch (IOException e) {
      throw new IllegalStateException("snappy could not compress a read request", e);
    }
    HttpRequest.Builder http =
        HttpRequest.newBuilder(url)
            .timeout(requestTimeout)
            .header("Content-Type", PROTOBUF_MEDIA_TYPE)
            .header("Content-Encoding", "snappy")
            .header("X-Prometheus-Remote-Read-Version", "0.1.0")
            .header("User-Agent", USER_AGENT)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    bearerToken.ifPresent(token -> http.header("Authorization", "Bearer " + token));
    HttpResponse<InputStream> response;
    try {
      response = this.http.send(http.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new RemoteReadException(Kind.CONNECTION, "POST " + url + " failed: " + describe(e), e);
    }
    try (InputStream in = response.body()) {
      if (response.statusCode() / 100 != 2) {
        throw new RemoteReadException(
            Kind.HTTP_STATUS,
            response.statusCode(),
            "POST " + url + " answered HTTP " + response.statusCode() + ": " + errorText(in),
            null);
      }
      String contentType = response.headers().firstValue("Content-Type").orElse("");
      Merger merger = new Merger(queries);
      String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
      if (mediaType.equals(STREAMED_MEDIA_TYPE)) {
        if (!contentType.replace(" ", "").contains(STREAMED_PROTO)) {
          throw new RemoteReadException(
              Kind.BAD_RESPONSE, "streamed answer of unknown message type: " + contentType);
        }
        readFrames(in, merger);
        return merger.result(ResponseFormat.STREAMED_XOR_CHUNKS);
      }
      if (mediaType.equals(PROTOBUF_MEDIA_TYPE)) {
        String encoding = response.headers().firstValue("Content-Encoding").orElse("snappy");
        if (!encoding.trim().equalsIgnoreCase("snappy")) {
          throw new RemoteReadException(
              Kind.BAD_RESPONSE, "SAMPLES answer with Content-Encoding " + encoding);
        }
        readSamples(in, merger);
        return merger.result(ResponseFormat.SAMPLES);
      }
      throw new RemoteReadException(
          Kind.BAD_RESPONSE,
          "unexpected Content-Type '" + contentType + "' (not a remote-read answer)");
    } catch (IOException e) {
      // the connection failed while the body streamed in
      throw new RemoteReadException(
          Kind.CONNECTION, "reading the answer of " + url + " failed: " + describe(e), e);
    }
  }

  private static void readFrames(InputStream in, Merger merger)
      throws IOException, RemoteReadException {
    ChunkedFrameReader frames = new ChunkedFrameReader(in, MAX_FRAME_BYTES);
    ChunkedReadResponse frame;
    while ((frame = frames.next()) != null) {
      long index = frame.getQueryIndex();
      if (index < 0 || index >= merger.queries.size()) {
        throw new RemoteReadException(
            Kind.BAD_RESPONSE,
            "frame answers query " + index + " of " + merger.queries.size() + " sent");
      }
      Query query = merger.queries.get((int) index);
      for (ChunkedSeries chunked : frame.getChunkedSeriesList()) {
        SeriesSamples series = merger.series(chunked.getLabelsList(), (int) index);
        for (Chunk chunk : chunked.getChunksList()) {
          if (chunk.getType() != Chunk.Encoding.XOR) {
            // native histograms: not part of what we publish yet
            merger.skippedChunks++;
            continue;
          }
          SeriesSamples target = series;
          // a chunk holds whole TSDB chunks, so samples outside the range come along
          XorChunkDecoder.decode(
              chunk.getData().toByteArray(),
              (t, v) -> {
                if (target != null
                    && t >= query.getStartTimestampMs()
                    && t <= query.getEndTimestampMs()) {
                  target.add(t, v);
                }
              });
        }
      }
    }
  }

  private static void readSamples(InputStream in, Merger merger)
      throws IOException, RemoteReadException {
    byte[] compressed = in.readNBytes(MAX_BODY_BYTES + 1);
    if (compressed.length > MAX_BODY_BYTES) {
      throw new RemoteReadException(
          Kind.BAD_RESPONSE, "SAMPLES answer larger than " + MAX_BODY_BYTES + " bytes");
    }
    ReadResponse response;
    try {
      if (!Snappy.isValidCompressedBuffer(compressed)) {
        throw new RemoteReadException(Kind.BAD_RESPONSE, "SAMPLES answer is not snappy block data");
      }
      int length = Snappy.uncompressedLength(compressed);
      if (length < 0 || length > MAX_BODY_BYTES) {
        throw new RemoteReadException(
            Kind.BAD_RESPONSE, "SAMPLES answer uncompresses to more than " + MAX_BODY_BYTES);
      }
      response = ReadResponse.parseFrom(Snappy.uncompress(compressed));
    } catch (InvalidProtocolBufferException e) {
      throw new RemoteReadException(
          Kind.BAD_RESPONSE, "SAMPLES answer is not a ReadResponse: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new RemoteReadException(
          Kind.BAD_RESPONSE, "SAMPLES answer is not snappy block data: " + e.getMessage(), e);
    }
    if (response.getResultsCount() > merger.queries.size()) {
      throw new RemoteReadException(
          Kind.BAD_RESPONSE,
          response.getResultsCount() + " results for " + merger.queries.size() + " queries");
    }
    for (int index = 0; index < response.getResultsCount(); index++) {
      Query query = merger.queries.get(index);
      QueryResult result = response.getResults(index);
      for (TimeSeries ts : result.getTimeseriesList()) {
        SeriesSamples series = merger.series(ts.getLabelsList(), index);
        if (series == null) {
          continue;
        }
        for (Sample s : ts.getSamplesList()) {
          if (s.getTimestamp() >= query.getStartTimestampMs()
              && s.getTimestamp() <= query.getEndTimestampMs()) {
            series.add(s.getTimestamp(), s.getValue());
          }
        }
      }
    }
  }

  /** Gathers series across frames and queries: one entry per label set. */
  private static final class Merger {
    final List<Query> queries;
    final Map<List<Label>, SeriesSamples> series = new LinkedHashMap<>();
    final Map<List<Label>, Integer> owner = new HashMap<>();
    int skippedChunks;

    Merger(List<Query> queries) {
      this.queries = queries;
    }

    /**
     * Where the samples of this series from query {@code index} go; null where an earlier query
     * already selected it (the same samples again). A series split over frames of one query
     * continues its entry.
     */
    SeriesSamples series(List<Label> labels, int index) {
      List<Label> key = List.copyOf(labels);
      Integer first = owner.putIfAbsent(key, index);
      if (first != null && first != index) {
        return null;
      }
      return series.computeIfAbsent(key, SeriesSamples::new);
    }

    Result result(ResponseFormat format) {
      List<SeriesSamples> out = new ArrayList<>();
      for (SeriesSamples s : series.values()) {
        s.sortAndDeduplicate();
        if (s.size() > 0) {
          out.add(s);
        }
      }
      return new Result(format, out, skippedChunks);
    }
  }

  private static String errorText(InputStream in) throws IOException {
    byte[] head = in.readNBytes(ERROR_BODY_CHARS);
    String text = new String(head, StandardCharsets.UTF_8).strip();
    return text.isEmpty() ? "(no body)" : text;
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    if (message == null && e instanceof java.net.ConnectException) {
      message = "connection refused or unreachable";
    }
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
