package io.sloscout.embeddings;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.common.DataType;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.service.collection.request.AddFieldReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.DescribeCollectionReq;
import io.milvus.v2.service.collection.request.HasCollectionReq;
import io.milvus.v2.service.collection.request.LoadCollectionReq;
import io.milvus.v2.service.vector.request.DeleteReq;
import io.milvus.v2.service.vector.request.QueryReq;
import io.milvus.v2.service.vector.request.SearchReq;
import io.milvus.v2.service.vector.request.UpsertReq;
import io.milvus.v2.service.vector.request.data.FloatVec;
import io.milvus.v2.service.vector.response.QueryResp;
import io.milvus.v2.service.vector.response.SearchResp;
import io.sloscout.core.search.TemplateHit;
import io.sloscout.core.search.TemplateVector;
import io.sloscout.core.search.VectorStore;
import io.sloscout.core.search.VectorStoreException;
import io.sloscout.core.search.VectorStores;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A {@link VectorStore} in a Milvus collection: an HNSW index over unit vectors compared by inner
 * product. The distributed deployment's store. Template texts longer than 65,535 UTF-8 bytes are
 * stored cut to that length.
 */
public final class MilvusVectorStore implements VectorStore {

  /** Longest template id, service name and template text (bytes) a collection holds. */
  static final int MAX_ID_LENGTH = 512;

  static final int MAX_SERVICE_LENGTH = 512;
  static final int MAX_TEMPLATE_BYTES = 65_535;

  /** Milvus refuses a larger top-k. */
  private static final int MAX_TOP_K = 16_384;

  /** HNSW search breadth; as with Lucene, 50–100 candidates keep recall near 0.99. */
  private static final int CANDIDATES = 100;

  private static final String ID = "id";
  private static final String TEMPLATE = "template";
  private static final String SERVICE = "service";
  private static final String VECTOR = "vector";
  private static final String COUNT = "count(*)";

  private final MilvusVectorStoreConfig config;
  private final int dimension;
  private final MilvusClientV2 client;

  private MilvusVectorStore(MilvusVectorStoreConfig config, int dimension, MilvusClientV2 client) {
    this.config = config;
    this.dimension = dimension;
    this.client = client;
  }

  /**
   * Connects and opens the collection, creating it with its index when missing.
   *
   * @throws VectorStoreException if Milvus cannot be reached, or the collection holds another
   *     dimension
   */
  public static MilvusVectorStore open(MilvusVectorStoreConfig config, int dimension) {
    if (dimension < 2) {
      throw new IllegalArgumentException(
          "Milvus needs a dimension of at least 2, was " + dimension);
    }
    ConnectConfig.ConnectConfigBuilder connect =
        ConnectConfig.builder()
            .uri(config.uri())
            .connectTimeoutMs(config.timeout().toMillis())
            .rpcDeadlineMs(config.timeout().toMillis());
    if (!config.token().isEmpty()) {
      connect.token(config.token());
    }
    MilvusClientV2 client;
    try {
      client = new MilvusClientV2(connect.build());
    } catch (RuntimeException e) {
      throw new VectorStoreException("cannot connect to Milvus at " + config.uri(), e);
    }
    try {
      prepareCollection(client, config.collection(), dimension);
      return new MilvusVectorStore(config, dimension, client);
    } catch (RuntimeException e) {
      client.close();
      if (e instanceof VectorStoreException) {
        throw e;
      }
      throw new VectorStoreException(
          "cannot open Milvus collection " + config.collection() + " at " + config.uri(), e);
    }
  }

  private static void prepareCollection(MilvusClientV2 client, String collection, int dimension) {
    boolean exists =
        client.hasCollection(HasCollectionReq.builder().collectionName(collection).build());
    if (exists) {
      CreateCollectionReq.FieldSchema vector =
          client
              .describeCollection(
                  DescribeCollectionReq.builder().collectionName(collection).build())
              .getCollectionSchema()
              .getField(VECTOR);
      if (vector == null || vector.getDimension() == null || vector.getDimension() != dimension) {
        throw new VectorStoreException(
            "Milvus collection "
                + collection
                + " holds vectors of dimension "
                + (vector == null ? "none" : vector.getDimension())
                + ", not "
                + dimension
                + "; index again with the new model into another collection");
      }
      client.loadCollection(LoadCollectionReq.builder().collectionName(collection).build());
      return;
    }
    CreateCollectionReq.CollectionSchema schema =
        CreateCollectionReq.CollectionSchema.builder().build();
    schema.addField(
        AddFieldReq.builder()
            .fieldName(ID)
            .dataType(DataType.VarChar)
            .maxLength(MAX_ID_LENGTH)
            .isPrimaryKey(true)
            .autoID(false)
            .build());
    schema.addField(
        AddFieldReq.builder()
            .fieldName(TEMPLATE)
            .dataType(DataType.VarChar)
            .maxLength(MAX_TEMPLATE_BYTES)
            .build());
    schema.addField(
        AddFieldReq.builder()
            .fieldName(SERVICE)
            .dataType(DataType.VarChar)
            .maxLength(MAX_SERVICE_LENGTH)
            .build());
    schema.addField(
        AddFieldReq.builder()
            .fieldName(VECTOR)
            .dataType(DataType.FloatVector)
            .dimension(dimension)
            .build());
    IndexParam index =
        IndexParam.builder()
            .fieldName(VECTOR)
            .indexType(IndexParam.IndexType.HNSW)
            .metricType(IndexParam.MetricType.IP)
            .extraParams(Map.of("M", 16, "efConstruction", 200))
            .build();
    // with index parameters Milvus builds the index and loads the collection as it creates it
    client.createCollection(
        CreateCollectionReq.builder()
            .collectionName(collection)
            .collectionSchema(schema)
            .indexParams(List.of(index))
            .consistencyLevel(ConsistencyLevel.STRONG)
            .build());
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public void upsert(List<TemplateVector> entries) {
    List<TemplateVector> unique = VectorStores.lastPerId(entries, dimension);
    if (unique.isEmpty()) {
      return;
    }
    List<JsonObject> rows = new ArrayList<>(unique.size());
    for (TemplateVector entry : unique) {
      rows.add(row(entry));
    }
    call(
        "upsert into",
        () ->
            client.upsert(
                UpsertReq.builder().collectionName(config.collection()).data(rows).build()));
  }

  private static JsonObject row(TemplateVector entry) {
    checkLength("template id", entry.templateId(), MAX_ID_LENGTH);
    checkLength("service", entry.service(), MAX_SERVICE_LENGTH);
    JsonObject row = new JsonObject();
    row.addProperty(ID, entry.templateId());
    row.addProperty(TEMPLATE, fitUtf8(entry.template(), MAX_TEMPLATE_BYTES));
    row.addProperty(SERVICE, entry.service());
    JsonArray vector = new JsonArray();
    for (float x : entry.vector()) {
      vector.add(x);
    }
    row.add(VECTOR, vector);
    return row;
  }

  @Override
  public List<TemplateHit> search(float[] query, int k) {
    VectorStores.checkK(k);
    float[] unit = VectorStores.checkedUnit(query, dimension);
    int topK = Math.min(k, MAX_TOP_K);
    SearchResp response =
        call(
            "search",
            () ->
                client.search(
                    SearchReq.builder()
                        .collectionName(config.collection())
                        .annsField(VECTOR)
                        .metricType(IndexParam.MetricType.IP)
                        .data(List.of(new FloatVec(unit)))
                        .limit(topK)
                        .searchParams(Map.of("ef", Math.max(topK, CANDIDATES)))
                        .outputFields(List.of(TEMPLATE, SERVICE))
                        // the port promises that a write is visible to the next search
                        .consistencyLevel(ConsistencyLevel.STRONG)
                        .build()));
    List<TemplateHit> hits = new ArrayList<>();
    for (SearchResp.SearchResult result : response.getSearchResults().get(0)) {
      Map<String, Object> entity = result.getEntity();
      hits.add(
          new TemplateHit(
              String.valueOf(result.getId()),
              String.valueOf(entity.get(TEMPLATE)),
              String.valueOf(entity.get(SERVICE)),
              // inner product of unit vectors is the cosine; float rounding may step past 1
              Math.max(-1.0, Math.min(1.0, result.getScore()))));
    }
    return List.copyOf(hits);
  }

  @Override
  public long count() {
    QueryResp response =
        call(
            "count",
            () ->
                client.query(
                    QueryReq.builder()
                        .collectionName(config.collection())
                        .filter("")
                        .outputFields(List.of(COUNT))
                        .consistencyLevel(ConsistencyLevel.STRONG)
                        .build()));
    Object count = response.getQueryResults().get(0).getEntity().get(COUNT);
    return ((Number) count).longValue();
  }

  @Override
  public void delete(Collection<String> templateIds) {
    if (templateIds.isEmpty()) {
      return;
    }
    List<Object> ids = new ArrayList<>(templateIds);
    call(
        "delete from",
        () ->
            client.delete(
                DeleteReq.builder().collectionName(config.collection()).ids(ids).build()));
  }

  @Override
  public void close() {
    client.close();
  }

  private <T> T call(String action, Supplier<T> request) {
    try {
      return request.get();
    } catch (RuntimeException e) {
      throw new VectorStoreException(
          "cannot " + action + " Milvus collection " + config.collection() + " at " + config.uri(),
          e);
    }
  }

  private static void checkLength(String what, String value, int max) {
    if (value.length() > max) {
      throw new IllegalArgumentException(
          what + " longer than " + max + " characters: " + value.substring(0, 40) + "…");
    }
  }

  /** The longest prefix of the text that fits in so many UTF-8 bytes, whole code points only. */
  static String fitUtf8(String text, int maxBytes) {
    if (text.length() * 3 <= maxBytes || text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
      return text;
    }
    int bytes = 0;
    int end = 0;
    while (end < text.length()) {
      int codePoint = text.codePointAt(end);
      int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
      if (bytes + size > maxBytes) {
        break;
      }
      bytes += size;
      end += Character.charCount(codePoint);
    }
    return text.substring(0, end);
  }
}
