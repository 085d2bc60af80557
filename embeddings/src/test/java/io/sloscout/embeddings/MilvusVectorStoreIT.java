package io.sloscout.embeddings;

import io.sloscout.core.search.DurableVectorStoreContractTest;
import io.sloscout.core.search.VectorStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * The vector store contract against a real Milvus standalone container. Runs only with {@code mvn
 * -Pcontainers test}; the image can be changed with {@code -Dmilvus.image=...}.
 */
@Tag("containers")
class MilvusVectorStoreIT extends DurableVectorStoreContractTest {

  private static final int GRPC_PORT = 19530;
  private static final int HEALTH_PORT = 9091;
  private static final AtomicInteger COLLECTIONS = new AtomicInteger();

  private static GenericContainer<?> milvus;

  /** Each test gets its own collection; a second open in the same test reopens it. */
  private final String collection = "contract_" + COLLECTIONS.incrementAndGet();

  @BeforeAll
  static void startMilvus() {
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      throw new IllegalStateException(
          "-Pcontainers needs a Docker engine (Testcontainers found none); run without"
              + " -Pcontainers to skip the Milvus tests");
    }
    String image = System.getProperty("milvus.image", "milvusdb/milvus:v2.6.9");
    milvus =
        new GenericContainer<>(DockerImageName.parse(image))
            .withCommand("milvus", "run", "standalone")
            // standalone with its own etcd and local storage: one container, nothing else
            .withEnv("ETCD_USE_EMBED", "true")
            .withEnv("ETCD_DATA_DIR", "/var/lib/milvus/etcd")
            .withEnv("ETCD_CONFIG_PATH", "/milvus/configs/embedEtcd.yaml")
            .withEnv("COMMON_STORAGETYPE", "local")
            .withCopyToContainer(
                Transferable.of(
                    "listen-client-urls: http://0.0.0.0:2379\n"
                        + "advertise-client-urls: http://0.0.0.0:2379\n"),
                "/milvus/configs/embedEtcd.yaml")
            .withExposedPorts(GRPC_PORT, HEALTH_PORT)
            .waitingFor(
                Wait.forHttp("/healthz")
                    .forPort(HEALTH_PORT)
                    .forStatusCode(200)
                    .withStartupTimeout(Duration.ofMinutes(3)));
    milvus.start();
  }

  @AfterAll
  static void stopMilvus() {
    if (milvus != null) {
      milvus.stop();
    }
  }

  @Override
  protected VectorStore open(int dimension) {
    String uri = "http://" + milvus.getHost() + ":" + milvus.getMappedPort(GRPC_PORT);
    return MilvusVectorStore.open(MilvusVectorStoreConfig.of(uri, collection), dimension);
  }
}
