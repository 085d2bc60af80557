package io.sloscout.collectors.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The collector's view of its raw topics on a Kafka cluster: checked (and optionally created) at
 * start, then described again by the readiness probe, which holds the last answer.
 */
final class KafkaTopics implements AutoCloseable {

  /** What the last look at the topics found: partitions with a leader per topic, or an error. */
  record Snapshot(boolean up, Map<String, Integer> partitions, String error, Instant checkedAt) {}

  private final String bootstrap;
  private final List<String> topics;
  private final Admin admin;
  private volatile Snapshot last;

  KafkaTopics(String bootstrap, List<String> topics) {
    this.bootstrap = bootstrap;
    this.topics = List.copyOf(topics);
    this.admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "slo-scout-collector-admin",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10_000));
    this.last = new Snapshot(false, Map.of(), "not checked yet", Instant.EPOCH);
  }

  /**
   * Waits up to {@code wait} for Kafka to answer, then makes sure the topics exist: creates the
   * missing ones when {@code create} is present (partitions, topic configs), else fails naming
   * them.
   */
  void ensure(Duration wait, Optional<NewTopicSpec> create) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    Set<String> existing = null;
    Exception lastError = null;
    while (existing == null) {
      try {
        existing = admin.listTopics().names().get(2, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        lastError = e;
        if (System.nanoTime() > deadline) {
          throw new StartupException(
              "Kafka at "
                  + bootstrap
                  + " did not answer within "
                  + wait.toSeconds()
                  + "s (kafka.topicWait): "
                  + rootMessage(lastError)
                  + "; check --kafka / kafka.bootstrap / SLO_SCOUT_KAFKA_BOOTSTRAP");
        }
        Thread.sleep(200);
      }
    }
    Set<String> missing = new TreeSet<>(topics);
    missing.removeAll(existing);
    if (missing.isEmpty()) {
      return;
    }
    if (create.isEmpty()) {
      throw new StartupException(
          "Kafka at "
              + bootstrap
              + " has no topic "
              + String.join(", ", missing)
              + "; create the raw topics (see README, Collector) or let the collector create"
              + " them: kafka.createTopics: true or SLO_SCOUT_KAFKA_CREATE_TOPICS=true");
    }
    List<NewTopic> newTopics = new ArrayList<>();
    for (String name : missing) {
      // replication factor: the cluster's default.replication.factor
      newTopics.add(
          new NewTopic(name, Optional.of(create.get().partitions()), Optional.empty())
              .configs(create.get().configs()));
    }
    try {
      var results = admin.createTopics(newTopics).values();
      for (var result : results.entrySet()) {
        try {
          result.getValue().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new StartupException(
                "creating topic "
                    + result.getKey()
                    + " on Kafka at "
                    + bootstrap
                    + ": "
                    + rootMessage(e),
                e);
          }
        }
      }
    } catch (TimeoutException e) {
      throw new StartupException(
          "creating topics " + missing + " on Kafka at " + bootstrap + " timed out", e);
    }
  }

  /** Describes the topics now (a few seconds at most) and keeps the answer for {@link #last()}. */
  Snapshot probe() {
    Snapshot now;
    try {
      Map<String, TopicDescription> described =
          admin.describeTopics(topics).allTopicNames().get(4, TimeUnit.SECONDS);
      Map<String, Integer> partitions = new LinkedHashMap<>();
      List<String> leaderless = new ArrayList<>();
      for (String topic : topics) {
        TopicDescription d = described.get(topic);
        partitions.put(topic, d.partitions().size());
        d.partitions().stream()
            .filter(p -> p.leader() == null || p.leader().isEmpty())
            .forEach(p -> leaderless.add(topic + "-" + p.partition()));
      }
      now =
          leaderless.isEmpty()
              ? new Snapshot(true, partitions, null, Instant.now())
              : new Snapshot(false, partitions, "no leader for " + leaderless, Instant.now());
    } catch (ExecutionException e) {
      String why =
          e.getCause() instanceof UnknownTopicOrPartitionException
              ? "a raw topic is missing: " + rootMessage(e)
              : rootMessage(e);
      now = new Snapshot(false, Map.of(), why, Instant.now());
    } catch (TimeoutException e) {
      now = new Snapshot(false, Map.of(), "Kafka did not answer within 4s", Instant.now());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return last;
    }
    last = now;
    return now;
  }

  /** The answer of the last {@link #probe()}. */
  Snapshot last() {
    return last;
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }

  /** How to create a missing topic. */
  record NewTopicSpec(int partitions, Map<String, String> configs) {}

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
  }
}
