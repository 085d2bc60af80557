package io.sloscout.storage;

import static io.sloscout.storage.Fixtures.T0;
import static io.sloscout.storage.Fixtures.minute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sloscout.storage.testing.StorageExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(StorageExtension.class)
class ServiceRepositoryTest {

  private static ServiceRepository services;

  @BeforeAll
  static void open(Database database) {
    services = database.services();
  }

  @Test
  void servicesWidenTheirSeenTimesWhateverTheWriteOrder() {
    services.upsertServices(List.of(new ServiceRow("frontend", minute(5), minute(6))));
    services.upsertServices(
        List.of(
            new ServiceRow("frontend", T0, minute(1)),
            new ServiceRow("frontend", minute(2), minute(8)),
            new ServiceRow("catalog", minute(1), minute(1))));
    services.upsertServices(List.of(new ServiceRow("frontend", minute(5), minute(6))));

    assertThat(services.list())
        .containsExactly(
            new ServiceRow("catalog", minute(1), minute(1)),
            new ServiceRow("frontend", T0, minute(8)));
    assertThat(services.find("frontend")).contains(new ServiceRow("frontend", T0, minute(8)));
    assertThat(services.find("nobody")).isEmpty();
  }

  @Test
  void operationsRoundTrip() {
    services.upsertOperations(
        List.of(
            new OperationRow("cart", "GET /cart", OperationKind.SERVER, T0, minute(1)),
            new OperationRow("cart", "redis GET", OperationKind.CLIENT, T0, T0)));
    services.upsertOperations(
        List.of(new OperationRow("cart", "GET /cart", OperationKind.SERVER, minute(1), minute(4))));

    assertThat(services.operations("cart"))
        .containsExactly(
            new OperationRow("cart", "GET /cart", OperationKind.SERVER, T0, minute(4)),
            new OperationRow("cart", "redis GET", OperationKind.CLIENT, T0, T0));
  }

  @Test
  void badInputNamesTheField() {
    assertThatThrownBy(() -> new ServiceRow(" ", T0, T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name must not be blank");
    assertThatThrownBy(() -> new OperationRow("cart", "GET /", null, T0, T0))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("kind");
  }
}
